import { useState } from 'react'
import type { DetectorSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { pluralize } from '../format/numbers'
import { FolderDialog } from '../training/FolderDialog'
import { PathText } from '../ui/PathText'
import { DetectorEvaluation } from './DetectorEvaluation'
import { showDetectorVersion } from './detectorScreen'
import { DetectorVersionTable } from './DetectorVersionTable'
import { useDetectorDetail, useDetectorVersions } from './useDetectorVersions'

type Folder = { kind: 'export'; version: DetectorSummary } | { kind: 'import' }
type Notice = { kind: 'done' | 'error'; text: string; path?: string }

/** Every detector version with its actions on top, and the chosen one's evaluation below. */
export function DetectorVersionsPane({ chosenId }: { chosenId: number | null }) {
  const client = useClient()
  const versions = useDetectorVersions()
  const [busyId, setBusyId] = useState<number | null>(null)
  const [folder, setFolder] = useState<Folder | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const list = versions?.value ?? null
  // What the person chose, while it exists; otherwise the active version, otherwise the newest.
  const selectedId = (list?.some((version) => version.id === chosenId) ? chosenId : (list?.find((version) => version.active) ?? list?.[0])?.id) ?? null
  const detail = useDetectorDetail(selectedId)

  const act = async (version: DetectorSummary, action: () => Promise<string>) => {
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
  const activate = (version: DetectorSummary) =>
    act(version, async () => {
      await client.api.detector.activate({ id: version.id })
      return `${version.name} is now active: it suggests boxes, and Find boxes runs it over the library.`
    })
  const remove = (version: DetectorSummary) =>
    act(version, async () => {
      await client.api.detector.deleteVersion({ id: version.id })
      return `${version.name} was deleted.`
    })

  return (
    <div className="versions-pane">
      <div className="versions-toolbar">
        <h3 className="training-card-title">Versions</h3>
        <span className="muted" data-testid="detector-version-count" data-count={list?.length ?? ''}>
          {list ? pluralize(list.length, 'version') : ''}
        </span>
        <button type="button" className="button button-small" data-testid="detector-version-import" onClick={() => setFolder({ kind: 'import' })}>
          Import…
        </button>
      </div>
      {notice && (
        <p
          className={notice.kind === 'error' ? 'training-error versions-notice' : 'versions-notice'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="detector-version-notice"
          data-kind={notice.kind}
        >
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
        <p className="training-empty" data-testid="detector-versions-empty">
          No versions yet. Train a detector, or import one exported from another workspace.
        </p>
      ) : (
        <>
          <div className="version-table-scroll">
            <DetectorVersionTable
              versions={versions.value}
              selectedId={selectedId}
              busyId={busyId}
              onSelect={showDetectorVersion}
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
            <DetectorEvaluation key={detail.value.id} version={detail.value} />
          )}
        </>
      )}
      {folder?.kind === 'export' && (
        <FolderDialog
          mode="create"
          title={`Export ${folder.version.name}`}
          intro="Writes the detector's head (head.bin) with loupe-detector.json, which names its classes, backbone and score threshold. Another Loupe workspace with the same backbone can import the folder."
          submitLabel="Export"
          defaultName={folder.version.name}
          onSubmit={async (dir) => {
            const written = await client.api.detector.exportVersion({ id: folder.version.id, dir })
            setNotice({ kind: 'done', text: `${folder.version.name} exported (${written.files.join(', ')}) to `, path: written.dir })
          }}
          onClose={() => setFolder(null)}
        />
      )}
      {folder?.kind === 'import' && (
        <FolderDialog
          mode="choose"
          title="Import a detector"
          intro="Choose a folder exported by Loupe (loupe-detector.json, head.bin). It is checked and added as a new version."
          submitLabel="Import"
          onSubmit={async (dir) => {
            const version = await client.api.detector.importVersion({ dir })
            showDetectorVersion(version.id)
            const use = version.active ? 'it is the active version' : 'activate it to use it'
            setNotice({ kind: 'done', text: `Imported as ${version.name} (${pluralize(version.classes.length, 'class', 'classes')}); ${use}.` })
          }}
          onClose={() => setFolder(null)}
        />
      )}
    </div>
  )
}
