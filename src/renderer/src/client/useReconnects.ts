import { useEffect, useRef, useState } from 'react'
import { useConnectionState } from './ClientContext'

/** Counts reconnections: anything pushed while the connection was down was missed and must be fetched again. */
export function useReconnects(): number {
  const connection = useConnectionState()
  const [count, setCount] = useState(0)
  const previous = useRef(connection)
  useEffect(() => {
    if (connection === 'open' && previous.current === 'reconnecting') setCount((n) => n + 1)
    previous.current = connection
  }, [connection])
  return count
}
