import { useId, useState } from 'react'
import { FolderBrowser } from '../folders/FolderBrowser'
import { newFolderProblem, newFolderTarget } from '../folders/newFolder'
import { NewFolderPicker } from '../folders/NewFolderPicker'
import { t } from '../i18n/t'
import { Dialog } from '../ui/Dialog'

type Props = {
  title: string
  intro: string
  submitLabel: string
  /** Runs the action on the chosen folder; a thrown error is shown in the dialog, which then stays open. */
  onSubmit(dir: string): Promise<void>
  onClose(): void
} & (
  | { mode: 'choose' }
  /** Writes into a new folder named `defaultName` (editable) inside the chosen one. */
  | { mode: 'create'; defaultName: string }
)

/** Picks a folder on the host's disk for a classifier to be exported to or imported from. */
export function FolderDialog(props: Props) {
  const { title, intro, submitLabel, onSubmit, onClose } = props
  const id = useId()
  const [folder, setFolder] = useState({ location: '', folderName: props.mode === 'create' ? props.defaultName : '' })
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const location = folder.location
  const setLocation = (next: string) => setFolder((current) => ({ ...current, location: next }))
  const target = props.mode === 'create' ? newFolderTarget(folder) : location.trim() || null

  const submit = async () => {
    if (!target || busy) return
    const folderProblem = props.mode === 'create' ? newFolderProblem(folder) : null
    if (folderProblem) {
      setProblem(folderProblem)
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      await onSubmit(target)
      onClose()
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={title}
      className="folder-dialog"
      testId="folder-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          {problem && (
            <p className="dialog-problem" role="alert" data-testid="folder-dialog-error">
              {problem}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            {t('training.folderDialog.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!target || busy} data-testid="folder-dialog-submit">
            {busy ? t('training.working') : submitLabel}
          </button>
        </>
      }
    >
      <div className="dialog-body">
        <p className="field-hint">{intro}</p>
        {props.mode === 'create' ? (
          <NewFolderPicker
            value={folder}
            invalid={problem !== null && newFolderProblem(folder) !== null}
            autoFocus
            testIds={{ location: 'folder-path-input', folderName: 'folder-name-input' }}
            onChange={setFolder}
          />
        ) : (
          <>
            <label className="field-label" htmlFor={`${id}-location`}>
              {t('training.folderDialog.folder')}
            </label>
            <input
              id={`${id}-location`}
              className="text-input path-input"
              spellCheck={false}
              data-autofocus
              // i18n-exempt: the shape of a path, the same in every language
              placeholder="/path/to/folder"
              value={location}
              data-testid="folder-path-input"
              onChange={(event) => setLocation(event.target.value)}
            />
            <FolderBrowser
              path={location}
              files="none"
              onChoose={setLocation}
              onListed={(dir) => setFolder((current) => (current.location.trim() === '' ? { ...current, location: dir } : current))}
            />
          </>
        )}
      </div>
    </Dialog>
  )
}
