import { Component, type ErrorInfo, type ReactNode } from 'react'
import { FullPageMessage } from './FullPageMessage'
import { t } from '../i18n/t'

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
      <FullPageMessage title={t('feedback.crash.title')} detail={this.state.error.message}>
        <button type="button" className="button button-primary" onClick={() => location.reload()}>
          {t('feedback.crash.reload')}
        </button>
      </FullPageMessage>
    )
  }
}
