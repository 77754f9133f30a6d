import type { DetectorStatus } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import { t } from '../i18n/t'
import { detectorProblem } from './detectorReadiness'

interface Props {
  status: DetectorStatus | null
  problem: string | null
}

/** The backbone the head reads, the backend it trains on, the active version, and why training cannot start. */
export function DetectorStatusLine({ status, problem }: Props) {
  if (!status) {
    return (
      <div className="full-window-status" data-testid="detector-status" data-loaded="false">
        {problem ? <span className="training-problem">{problem}</span> : <span className="spinner" aria-hidden="true" />}
      </div>
    )
  }
  const { active } = status
  return (
    <>
      <div className="full-window-status" data-testid="detector-status" data-loaded="true" data-can-train={status.canTrain} data-active={active?.id ?? ''}>
        <span className="training-status-item" title={t('detector.status.backbone.title')}>
          <span className="muted">{t('detector.status.backbone')}</span> <span className="mono">{status.backbone}</span>
        </span>
        <span className="training-status-item" title={t('detector.status.backend.title')}>
          <span className="muted">{t('detector.status.backend')}</span> {status.backend ?? t('detector.status.backend.none')}
        </span>
        <span className="training-status-item" title={t('detector.status.classes.title')}>
          <span className="muted">{t('detector.status.classes')}</span> {formatCount(status.classes.length)}
        </span>
        <span className="training-status-item" data-testid="detector-active">
          <span className="muted">{t('detector.status.active')}</span>{' '}
          {active ? (
            <>
              <span className="mono">{active.name}</span>
              {active.valMAP50 !== null && <span className="muted"> · {t('detector.status.active.map50', { map50: active.valMAP50.toFixed(3) })}</span>}
              <span className="muted"> · {t('detector.status.active.classes', { count: active.classes.length })}</span>
            </>
          ) : (
            t('detector.status.active.none')
          )}
        </span>
      </div>
      {!status.canTrain && (
        <div className="training-notice" role="status" data-testid="detector-problem">
          <p>{detectorProblem(status)}</p>
        </div>
      )}
    </>
  )
}
