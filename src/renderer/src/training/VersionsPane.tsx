import { useState } from 'react'
import type { ClassifierSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { pluralize } from '../format/numbers'
import { PathText } from '../ui/PathText'
import { Evaluation } from './Evaluation'
import { FolderDialog } from './FolderDialog'
import { showVersion } from './trainingScreen'
import { useVersionDetail, useVersions } from './useVersions'
import { VersionList } from './VersionList'

type Folder = { kind: 'export'; version: ClassifierSummary } | { kind: 'import' }
type Notice = { kind: 'done' | 'error'; text: string; path?: string }

/** Every version with its actions on top, and the chosen one's evaluation below. */
export function VersionsPane({ chosenId }: { chosenId: number | null }) {
  const client = useClient()
  const { versions } = useVersions()
  const [busyId, setBusyId] = useState<number | null>(null)
  const [folder, setFolder] = useState<Folder | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const list = versions?.value ?? null
  // What the person chose, while it exists; otherwise the active version, otherwise the newest.
  const selectedId = (list?.some((version) => version.id === chosenId) ? chosenId : (list?.find((version) => version.active) ?? list?.[0])?.id) ?? null
  const detail = useVersionDetail(selectedId)

  const act = async (version: ClassifierSummary, action: () => Promise<string>) => {
    setBusyId(version.id)
    setNotice(null)
    try {
      setNotice({ kind: 'done', text: await action() })
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
    } finally {
      setBusyId(null)
    }
  }

  const activate = (version: ClassifierSummary) =>
    act(version, async () => {
      await client.api.training.activate({ id: version.id })
      return `${version.name} is now active; the library shows its predictions.`
    })

  const remove = (version: ClassifierSummary) =>
    act(version, async () => {
      await client.api.training.deleteVersion({ id: version.id })
      return `${version.name} was deleted.`
    })

  return (
    <div className="versions-pane">
      <div className="versions-toolbar">
        <h3 className="training-card-title">Versions</h3>
        <span className="muted" data-testid="version-count" data-count={list?.length ?? ''}>
          {list ? pluralize(list.length, 'version') : ''}
        </span>
        <button type="button" className="button button-small" data-testid="version-import" onClick={() => setFolder({ kind: 'import' })}>
          Import…
        </button>
      </div>
      {notice && (
        <p className={notice.kind === 'error' ? 'training-error versions-notice' : 'versions-notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="version-notice" data-kind={notice.kind}>
          {notice.text}
          {notice.path && <PathText className="versions-notice-path" path={notice.path} />}
        </p>
      )}
      {versions === null ? (
        <span className="spinner" aria-hidden="true" />
      ) : versions.problem !== null ? (
        <p className="training-error" role="alert">
          {versions.problem}
        </p>
      ) : versions.value.length === 0 ? (
        <p className="training-empty" data-testid="versions-empty">
          No versions yet. Train a classifier, or import one exported from another workspace.
        </p>
      ) : (
        <>
          <div className="version-table-scroll">
            <VersionList
              versions={versions.value}
              selectedId={selectedId}
              busyId={busyId}
              onSelect={showVersion}
              onActivate={(version) => void activate(version)}
              onExport={(version) => setFolder({ kind: 'export', version })}
              onDelete={(version) => void remove(version)}
            />
          </div>
          {detail === null ? (
            <span className="spinner" aria-hidden="true" />
          ) : detail.problem !== null ? (
            <p className="training-error" role="alert">
              {detail.problem}
            </p>
          ) : (
            <Evaluation key={detail.value.id} version={detail.value} />
          )}
        </>
      )}
      {folder?.kind === 'export' && (
        <FolderDialog
          mode="create"
          title={`Export ${folder.version.name}`}
          intro="Writes the classifier as a TensorFlow.js layers model (model.json, weights.bin) with loupe-classifier.json, which names its classes and backbone. Another Loupe workspace can import the folder."
          submitLabel="Export"
          defaultName={folder.version.name}
          onSubmit={async (dir) => {
            const written = await client.api.training.exportVersion({ id: folder.version.id, dir })
            setNotice({ kind: 'done', text: `${folder.version.name} exported (${written.files.join(', ')}) to `, path: written.dir })
          }}
          onClose={() => setFolder(null)}
        />
      )}
      {folder?.kind === 'import' && (
        <FolderDialog
          mode="choose"
          title="Import a classifier"
          intro="Choose a folder exported by Loupe (model.json, weights.bin, loupe-classifier.json). It is checked by loading it with TensorFlow.js and added as a new version, not yet active."
          submitLabel="Import"
          onSubmit={async (dir) => {
            const version = await client.api.training.importVersion({ dir })
            showVersion(version.id)
            setNotice({ kind: 'done', text: `Imported as ${version.name} (${pluralize(version.classes.length, 'class', 'classes')}); activate it to use its predictions.` })
          }}
          onClose={() => setFolder(null)}
        />
      )}
    </div>
  )
}
