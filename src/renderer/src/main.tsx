// First, so that component styles loaded after it can refine its base rules.
import './theme.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from '../../shared/api/client'
import { App } from './app/App'
import { ClientProvider } from './client/ClientContext'
import { ErrorBoundary } from './feedback/ErrorBoundary'
import { FullPageMessage } from './feedback/FullPageMessage'
import { ToastProvider } from './feedback/ToastContext'
import { applyPageLocale } from './i18n/locale'
import { t } from './i18n/t'
import { applyStoredThemeChoice } from './theme/themeChoice'
import { pickTransport } from './transport/pickTransport'

applyStoredThemeChoice()
applyPageLocale()

const container = document.getElementById('root')
if (!container) throw new Error('index.html is missing its #root element.')

const choice = pickTransport()

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      {choice.ok ? (
        <ClientProvider value={{ client: createClient(choice.transport), connection: choice.connection }}>
          <ToastProvider>
            <App />
          </ToastProvider>
        </ClientProvider>
      ) : (
        <FullPageMessage title={t('app.connection.failed')} detail={choice.problem} />
      )}
    </ErrorBoundary>
  </StrictMode>,
)
