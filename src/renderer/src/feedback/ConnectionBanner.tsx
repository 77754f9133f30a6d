import { useEffect, useState } from 'react'
import { useConnectionState } from '../client/ClientContext'
import './feedback.css'
import { t } from '../i18n/t'

/** The first connection normally takes milliseconds; announcing it only when it is slow avoids a flash on every start. */
const SLOW_START_MS = 1_000

export function ConnectionBanner() {
  const state = useConnectionState()
  const [slowStart, setSlowStart] = useState(false)
  useEffect(() => {
    if (state !== 'connecting') return
    const timer = setTimeout(() => setSlowStart(true), SLOW_START_MS)
    return () => clearTimeout(timer)
  }, [state])

  if (state === 'open' || (state === 'connecting' && !slowStart)) return null
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {state === 'connecting' ? t('feedback.connection.connecting') : t('feedback.connection.lost')}
    </div>
  )
}
