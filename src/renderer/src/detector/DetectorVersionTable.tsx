import { useState } from 'react'
import type { DetectorSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { STOP_REASON_NAMES } from '../training/formatMetrics'
import { InlineConfirm } from '../ui/InlineConfirm'
import '../ui/dataTable.css'

interface Props {
  versions: readonly DetectorSummary[]
  selectedId: number | null
  /** The version an action is running on, whose buttons wait meanwhile. */
  busyId: number | null
  onSelect(id: number): void
  onActivate(version: DetectorSummary): void
  onExport(version: DetectorSummary): void
  onDelete(version: DetectorSummary): void
}

/** The detector's versions, newest first: what each learnt from and how well it finds boxes, with what can be done to it. */
export function DetectorVersionTable({ versions, selectedId, busyId, onSelect, onActivate, onExport, onDelete }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null)
  return (
    <table className="data-table version-table" data-testid="detector-versions">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Created</th>
          <th scope="col">Classes</th>
          <th scope="col" className="numeric" title="Training and validation images">
            Images
          </th>
          <th scope="col" className="numeric" title="Epochs run, and the one whose weights were kept">
            Epochs / best
          </th>
          <th scope="col" className="numeric" title="Mean average precision at IoU 0.5 on the validation images">
            Val. mAP50
          </th>
          <th scope="col" className="numeric" title="Boxes scoring at least this are suggested and count as found">
            Threshold
          </th>
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
              data-testid="detector-version-row"
              data-version-id={version.id}
              data-active={version.active}
              onClick={() => onSelect(version.id)}
            >
              <th scope="row">
                <button type="button" className="version-name" aria-pressed={selected} data-testid="detector-version-select" onClick={() => onSelect(version.id)}>
                  <span className="mono">{version.name}</span>
                  {version.active && (
                    <span className="version-active" data-testid="detector-version-active" title="It suggests boxes and finds them across the library">
                      Active
                    </span>
                  )}
                </button>
                {version.origin === 'imported' && <span className="muted version-origin">imported</span>}
              </th>
              <td className="version-nowrap">{formatDateTime(version.createdAt)}</td>
              <td className="version-classes" title={version.classes.join(', ')}>
                {version.classes.length} · {version.classes.join(', ')}
              </td>
              <td className="numeric">
                {formatCount(version.trainImages)} / {formatCount(version.valImages)}
              </td>
              <td className="numeric version-nowrap" title={STOP_REASON_NAMES[version.stoppedBy]}>
                {version.epochs} / {version.bestEpoch}
              </td>
              <td className="numeric mono" data-testid="detector-version-map50">
                {version.valMAP50 === null ? '—' : version.valMAP50.toFixed(3)}
              </td>
              <td className="numeric mono" data-testid="detector-version-threshold">
                {version.scoreThreshold.toFixed(2)}
              </td>
              {/* The buttons act on their row; clicks on them do not also select it. */}
              <td className="version-actions" onClick={(event) => event.stopPropagation()}>
                {confirming === version.id ? (
                  <InlineConfirm
                    label={`Delete ${version.name}?`}
                    confirmText="Delete"
                    testId="detector-version-confirm"
                    onKeep={() => setConfirming(null)}
                    onConfirm={() => {
                      setConfirming(null)
                      onDelete(version)
                    }}
                  >
                    Delete {version.name}?{version.active && ' The library loses the boxes it found.'}
                  </InlineConfirm>
                ) : (
                  <>
                    {!version.active && (
                      <button type="button" className="button button-small" disabled={busy} data-testid="detector-version-activate" onClick={() => onActivate(version)}>
                        {busy ? 'Working…' : 'Activate'}
                      </button>
                    )}
                    <button type="button" className="button button-small" disabled={busy} data-testid="detector-version-export" onClick={() => onExport(version)}>
                      Export…
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Delete ${version.name}`}
                      title="Delete this version"
                      disabled={busy}
                      data-testid="detector-version-delete"
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
