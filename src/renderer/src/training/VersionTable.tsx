import { useState, type ReactNode } from 'react'
import { t } from '../i18n/t'
import { RowActionsCell } from '../ui/RowActionsCell'
import type { VersionTableProps } from './ModelVersionsPane'
import '../ui/dataTable.css'

/** How one kind of model's versions are laid out: its own columns and the words and test ids that differ. */
export interface VersionTableLayout<Summary> {
  tableTestId: string
  /** Put before the test ids of rows and their buttons: '' for the classifier, 'detector-' for the detector. */
  testIdPrefix: string
  activeTestId: string
  /** What being the active version means, on its marker. */
  activeTitle: string
  /** What deleting the active version costs, added to the confirmation. */
  activeDeleteCost: string
  /** The header cells of the columns between the name and the actions. */
  head: ReactNode
  cells(version: Summary): ReactNode
}

interface VersionRow {
  id: number
  name: string
  active: boolean
  origin: string
}

/** Versions, newest first: each one's name and columns, with Activate, Export and Delete. */
export function VersionTable<Summary extends VersionRow>({
  layout,
  versions,
  selectedId,
  busyId,
  onSelect,
  onActivate,
  onExport,
  onDelete,
}: VersionTableProps<Summary> & { layout: VersionTableLayout<Summary> }) {
  const [confirming, setConfirming] = useState<number | null>(null)
  const testId = (name: string) => `${layout.testIdPrefix}${name}`
  return (
    <table className="data-table version-table" data-testid={layout.tableTestId}>
      <thead>
        <tr>
          <th scope="col">{t('training.table.version')}</th>
          {layout.head}
          <th scope="col">
            <span className="training-visually-hidden">{t('training.table.actions')}</span>
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
              data-testid={testId('version-row')}
              data-version-id={version.id}
              data-active={version.active}
              onClick={() => onSelect(version.id)}
            >
              <th scope="row">
                <button type="button" className="version-name" aria-pressed={selected} data-testid={testId('version-select')} onClick={() => onSelect(version.id)}>
                  <span className="mono">{version.name}</span>
                  {version.active && (
                    <span className="version-active" data-testid={layout.activeTestId} title={layout.activeTitle}>
                      {t('training.active')}
                    </span>
                  )}
                </button>
                {version.origin === 'imported' && <span className="muted version-origin">{t('training.table.imported')}</span>}
              </th>
              {layout.cells(version)}
              <RowActionsCell
                className="version-actions"
                what={version.name}
                question={
                  <>
                    {t('training.table.deleteQuestion', { name: version.name })}
                    {version.active && layout.activeDeleteCost}
                  </>
                }
                confirming={confirming === version.id}
                busy={busy}
                confirmTestId={testId('version-confirm')}
                deleteTestId={testId('version-delete')}
                onAsk={() => setConfirming(version.id)}
                onKeep={() => setConfirming(null)}
                onDelete={() => onDelete(version)}
              >
                {!version.active && (
                  <button type="button" className="button button-small" disabled={busy} data-testid={testId('version-activate')} onClick={() => onActivate(version)}>
                    {busy ? t('training.working') : t('training.table.activate')}
                  </button>
                )}
                <button type="button" className="button button-small" disabled={busy} data-testid={testId('version-export')} onClick={() => onExport(version)}>
                  {t('training.table.export')}
                </button>
              </RowActionsCell>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
