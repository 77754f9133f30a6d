import type { DetectorStatus } from '../../../shared/api/schemas'
import { pluralize } from '../format/numbers'

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
        <span className="training-status-item" title="The image model whose feature maps the detector's head reads">
          <span className="muted">Backbone</span> <span className="mono">{status.backbone}</span>
        </span>
        <span className="training-status-item" title="Where the head is trained">
          <span className="muted">Backend</span> {status.backend ?? 'starts with the first run'}
        </span>
        <span className="training-status-item" title="Box classes with at least one box">
          <span className="muted">Box classes</span> {status.classes.length}
        </span>
        <span className="training-status-item" data-testid="detector-active">
          <span className="muted">Active</span>{' '}
          {active ? (
            <>
              <span className="mono">{active.name}</span>
              {active.valMAP50 !== null && <span className="muted"> · mAP50 {active.valMAP50.toFixed(3)}</span>}
              <span className="muted"> · {pluralize(active.classes.length, 'class', 'classes')}</span>
            </>
          ) : (
            'none yet'
          )}
        </span>
      </div>
      {status.problem && (
        <div className="training-notice" role="status" data-testid="detector-problem">
          <p>{status.problem}</p>
        </div>
      )}
    </>
  )
}
