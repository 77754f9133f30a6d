import { useConnectionState } from '../client/ClientContext'
import './feedback.css'

export function ConnectionBanner() {
  const state = useConnectionState()
  if (state === 'open') return null
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {state === 'connecting' ? 'Connecting to Loupe…' : 'Connection lost — reconnecting…'}
    </div>
  )
}
