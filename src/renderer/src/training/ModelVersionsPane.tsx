import { useState, type ReactNode } from 'react'
import type { LoupeClient } from '../../../shared/api/client'
import { useClient } from '../client/ClientContext'
import { t } from '../i18n/t'
import { PathText } from '../ui/PathText'
import { FolderDialog } from './FolderDialog'
import type { Loaded } from './useModelVersions'

/** What the pane needs of one version, a classifier's or a detector's. */
interface VersionBasics {
  id: number
  name: string
  active: boolean
  classes: readonly string[]
}

/** The version actions both kinds of model offer through the API, under the same names. */
interface VersionApi<Summary> {
  activate(input: { id: number }): Promise<unknown>
  deleteVersion(input: { id: number }): Promise<unknown>
  exportVersion(input: { id: number; dir: string }): Promise<{ dir: string; files: readonly string[] }>
  importVersion(input: { dir: string }): Promise<Summary>
}

/** What the table of versions is given by the pane. */
export interface VersionTableProps<Summary> {
  versions: readonly Summary[]
  selectedId: number | null
  /** The version an action is running on, whose buttons wait meanwhile. */
  busyId: number | null
  onSelect(id: number): void
  onActivate(version: Summary): void
  onExport(version: Summary): void
  onDelete(version: Summary): void
}

/** One kind of model's versions: where they come from, how they are shown, and what the person is told. */
export interface VersionKind<Summary extends VersionBasics, Detail extends { id: number }> {
  /** Which kind of model, so the texts can name it. */
  noun: 'classifier' | 'detector'
  /** Put before every test id of the pane, so each screen keeps its own. */
  testIdPrefix: string
  api(client: LoupeClient): VersionApi<Summary>
  useVersions(): Loaded<Summary[]>
  useDetail(id: number | null): Loaded<Detail>
  show(id: number): void
  activated(version: Summary): string
  exportIntro: string
  importIntro: string
  /** What to do next with a version just imported. */
  afterImport(version: Summary): string
  table(props: VersionTableProps<Summary>): ReactNode
  evaluation(detail: Detail): ReactNode
}

type Folder<Summary> = { kind: 'export'; version: Summary } | { kind: 'import' }
type Notice = { kind: 'done' | 'error'; text: string; path?: string }

/** Every version of one kind of model with its actions on top, and the chosen one's evaluation below. */
export function ModelVersionsPane<Summary extends VersionBasics, Detail extends { id: number }>({
  kind,
  chosenId,
}: {
  kind: VersionKind<Summary, Detail>
  chosenId: number | null
}) {
  const api = kind.api(useClient())
  const versions = kind.useVersions()
  const [busyId, setBusyId] = useState<number | null>(null)
  const [folder, setFolder] = useState<Folder<Summary> | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const list = versions?.value ?? null
  // What the person chose, while it exists; otherwise the active version, otherwise the newest.
  const selectedId = (list?.some((version) => version.id === chosenId) ? chosenId : (list?.find((version) => version.active) ?? list?.[0])?.id) ?? null
  const detail = kind.useDetail(selectedId)
  const testId = (name: string) => `${kind.testIdPrefix}${name}`

  const act = async (version: Summary, action: () => Promise<string>) => {
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
  const activate = (version: Summary) =>
    act(version, async () => {
      await api.activate({ id: version.id })
      return kind.activated(version)
    })
  const remove = (version: Summary) =>
    act(version, async () => {
      await api.deleteVersion({ id: version.id })
      return t('training.versions.deleted', { name: version.name })
    })

  return (
    <div className="versions-pane">
      <div className="versions-toolbar">
        <h3 className="training-card-title">{t('training.versions.title')}</h3>
        <span className="muted" data-testid={testId('version-count')} data-count={list?.length ?? ''}>
          {list ? t('training.versions.count', { count: list.length }) : ''}
        </span>
        <button type="button" className="button button-small" data-testid={testId('version-import')} onClick={() => setFolder({ kind: 'import' })}>
          {t('training.versions.import')}
        </button>
      </div>
      {notice && (
        <p
          className={notice.kind === 'error' ? 'training-error versions-notice' : 'versions-notice'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid={testId('version-notice')}
          data-kind={notice.kind}
        >
          {notice.text}
          {notice.path && (
            <>
              {' '}
              <PathText className="versions-notice-path" path={notice.path} />
            </>
          )}
        </p>
      )}
      {versions === null ? (
        <span className="spinner" aria-hidden="true" />
      ) : versions.problem !== null ? (
        <p className="training-error" role="alert">
          {versions.problem}
        </p>
      ) : versions.value.length === 0 ? (
        <p className="training-empty" data-testid={testId('versions-empty')}>
          {t('training.versions.empty', { noun: kind.noun })}
        </p>
      ) : (
        <>
          <div className="version-table-scroll">
            {kind.table({
              versions: versions.value,
              selectedId,
              busyId,
              onSelect: kind.show,
              onActivate: (version) => void activate(version),
              onExport: (version) => setFolder({ kind: 'export', version }),
              onDelete: (version) => void remove(version),
            })}
          </div>
          {detail === null ? (
            <span className="spinner" aria-hidden="true" />
          ) : detail.problem !== null ? (
            <p className="training-error" role="alert">
              {detail.problem}
            </p>
          ) : (
            kind.evaluation(detail.value)
          )}
        </>
      )}
      {folder?.kind === 'export' && (
        <FolderDialog
          mode="create"
          title={t('training.versions.exportTitle', { name: folder.version.name })}
          intro={kind.exportIntro}
          submitLabel={t('training.versions.exportSubmit')}
          defaultName={folder.version.name}
          onSubmit={async (dir) => {
            const written = await api.exportVersion({ id: folder.version.id, dir })
            setNotice({ kind: 'done', text: t('training.versions.exported', { name: folder.version.name, files: written.files.join(', ') }), path: written.dir })
          }}
          onClose={() => setFolder(null)}
        />
      )}
      {folder?.kind === 'import' && (
        <FolderDialog
          mode="choose"
          title={t('training.versions.importTitle', { noun: kind.noun })}
          intro={kind.importIntro}
          submitLabel={t('training.versions.importSubmit')}
          onSubmit={async (dir) => {
            const version = await api.importVersion({ dir })
            kind.show(version.id)
            setNotice({ kind: 'done', text: t('training.versions.imported', { name: version.name, classes: version.classes.length, next: kind.afterImport(version) }) })
          }}
          onClose={() => setFolder(null)}
        />
      )}
    </div>
  )
}
