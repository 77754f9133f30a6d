import { useState } from 'react'
import type { ClassifierSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { formatPercent, STOP_REASON_NAMES } from './formatMetrics'
import { InlineConfirm } from '../ui/InlineConfirm'
import '../ui/dataTable.css'

interface Props {
  versions: readonly ClassifierSummary[]
  selectedId: number | null
  /** The version an action is running on, whose buttons wait meanwhile. */
  busyId: number | null
  onSelect(id: number): void
  onActivate(version: ClassifierSummary): void
  onExport(version: ClassifierSummary): void
  onDelete(version: ClassifierSummary): void
}

/** The versions, newest first: what each was trained on and how well it did, with what can be done to it. */
export function VersionList({ versions, selectedId, busyId, onSelect, onActivate, onExport, onDelete }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null)
  return (
    <table className="data-table version-table" data-testid="version-list">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Created</th>
          <th scope="col">Backbone</th>
          <th scope="col">Classes</th>
          <th scope="col" className="numeric" title="Training and validation samples">
            Train / val
          </th>
          <th scope="col" className="numeric">
            Val. acc.
          </th>
          <th scope="col">Stopped by</th>
          <th scope="col">
            <span className="training-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => {
          const selected = version.id === selectedId
          const busy = busyId === version.id
          return (
            <tr
              key={version.id}
              className={selected ? 'data-row is-selected' : 'data-row'}
              aria-selected={selected}
              data-testid="version-row"
              data-version-id={version.id}
              data-active={version.active}
              onClick={() => onSelect(version.id)}
            >
              <th scope="row">
                <button type="button" className="version-name" aria-pressed={selected} data-testid="version-select" onClick={() => onSelect(version.id)}>
                  <span className="mono">{version.name}</span>
                  {version.active && (
                    <span className="version-active" data-testid="version-active-marker" title="Its predictions are the ones the library shows">
                      Active
                    </span>
                  )}
                </button>
                {version.origin === 'imported' && <span className="muted version-origin">imported</span>}
              </th>
              <td className="version-nowrap">{formatDateTime(version.createdAt)}</td>
              <td className="mono version-backbone" title={version.backbone}>
                {version.backbone}
              </td>
              <td className="version-classes" title={version.classes.join(', ')}>
                {version.classes.length} · {version.classes.join(', ')}
              </td>
              <td className="numeric">
                {formatCount(version.trainCount)} / {formatCount(version.valCount)}
                {version.samples === 'boxes' && <span className="muted"> boxes</span>}
              </td>
              <td className="numeric" data-testid="version-accuracy">
                {version.valAccuracy === null ? '—' : formatPercent(version.valAccuracy)}
              </td>
              <td className="version-nowrap">
                {STOP_REASON_NAMES[version.stoppedBy]}
                {version.stoppedBy !== 'imported' && <span className="muted"> · {version.epochs} ep.</span>}
              </td>
              {/* The buttons act on their row; clicks on them do not also select it. */}
              <td className="version-actions" onClick={(event) => event.stopPropagation()}>
                {confirming === version.id ? (
                  <InlineConfirm
                    label={`Delete ${version.name}?`}
                    confirmText="Delete"
                    testId="version-confirm"
                    onKeep={() => setConfirming(null)}
                    onConfirm={() => {
                      setConfirming(null)
                      onDelete(version)
                    }}
                  >
                    Delete {version.name}?{version.active && ' The library loses its predictions.'}
                  </InlineConfirm>
                ) : (
                  <>
                    {!version.active && (
                      <button type="button" className="button button-small" disabled={busy} data-testid="version-activate" onClick={() => onActivate(version)}>
                        {busy ? 'Working…' : 'Activate'}
                      </button>
                    )}
                    <button type="button" className="button button-small" disabled={busy} data-testid="version-export" onClick={() => onExport(version)}>
                      Export…
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Delete ${version.name}`}
                      title="Delete this version"
                      disabled={busy}
                      data-testid="version-delete"
                      onClick={() => setConfirming(version.id)}
                    >
                      ×
                    </button>
                  </>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
