import { useEffect, useEffectEvent } from 'react'
import type { EventName, EventPayload } from '../../../shared/api/contract'
import { useClient } from './ClientContext'

/** Listens to a pushed event for as long as the component is mounted, always calling the latest handler. */
export function useClientEvent<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): void {
  const client = useClient()
  const onEvent = useEffectEvent(handler)
  useEffect(() => client.on(event, (payload) => onEvent(payload)), [client, event])
}
