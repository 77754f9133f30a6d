import { KEYMAP } from './keymap'
import { t } from '../i18n/t'

/** Every shortcut, grouped; opened and closed with ?, closed with Esc or a click outside. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <div className="annotate-modal-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="annotate-modal help-overlay" role="dialog" aria-modal="true" aria-label={t('annotate.help.title')} data-testid="help-overlay">
        <header className="help-header">
          <h2 className="modal-title">{t('annotate.help.title')}</h2>
          <button type="button" className="icon-button" aria-label={t('annotate.help.close')} data-testid="help-close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="help-groups">
          {KEYMAP.map((group) => (
            <section key={group.title} className="help-group">
              <h3>{group.title}</h3>
              <dl>
                {group.bindings.map((binding) => (
                  <div key={binding.action} className="help-row" data-testid="help-binding">
                    <dt>
                      {binding.keys.map((key, i) => (
                        <span key={key}>
                          {i > 0 && <span className="help-or">{t('annotate.help.or')}</span>}
                          <kbd>{key}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{binding.action}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="help-footnote">
          {t('annotate.help.footnote')}
        </p>
      </div>
    </div>
  )
}
