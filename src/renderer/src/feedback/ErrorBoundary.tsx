import { Component, type ErrorInfo, type ReactNode } from 'react'
import { FullPageMessage } from './FullPageMessage'

interface State {
  error: Error | null
}

/** A rendering bug must leave something a person can act on, never a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Loupe UI crashed', error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <FullPageMessage title="Something went wrong in this window" detail={this.state.error.message}>
        <button type="button" className="button button-primary" onClick={() => location.reload()}>
          Reload Loupe
        </button>
      </FullPageMessage>
    )
  }
}
