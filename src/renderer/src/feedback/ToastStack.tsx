import type { Toast } from './toastStore'
import './feedback.css'
import { formatCount } from '../format/numbers'
import { t } from '../i18n/t'

export function ToastStack({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="toast-stack" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={toast.kind}>
          <div className="toast-text">
            <span className="toast-message">{toast.message}</span>
            {toast.repeats > 1 && <span className="toast-repeats">×{formatCount(toast.repeats)}</span>}
            {toast.code && <span className="toast-code">{toast.code}</span>}
          </div>
          {toast.action && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                toast.action?.run()
                onDismiss(toast.id)
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('feedback.toast.dismiss')} data-testid="toast-dismiss" onClick={() => onDismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
