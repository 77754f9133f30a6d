import { useEffect, useId, useRef, useState } from 'react'
import { FolderBrowser } from '../imports/FolderBrowser'
import { joinPath } from '../imports/paths'
import { PathText } from '../ui/PathText'
import '../imports/imports.css'

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
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [location, setLocation] = useState('')
  const [folderName, setFolderName] = useState(props.mode === 'create' ? props.defaultName : '')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const target = location.trim() === '' ? null : props.mode === 'create' ? joinPath(location.trim(), folderName.trim()) : location.trim()

  useEffect(() => dialogRef.current?.showModal(), [])

  const submit = async () => {
    if (!target || busy) return
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
    <dialog
      ref={dialogRef}
      className="dialog folder-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="folder-dialog"
      onCancel={(event) => {
        event.preventDefault()
        // React passes the event on to the model view's own dialog around this one, which would close too.
        event.stopPropagation()
        onClose()
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <header className="dialog-header">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">
          <p className="field-hint">{intro}</p>
          <label className="field-label" htmlFor={`${id}-location`}>
            {props.mode === 'create' ? 'Save in' : 'Folder'}
          </label>
          <input
            id={`${id}-location`}
            className="text-input path-input"
            spellCheck={false}
            autoFocus
            placeholder="/path/to/folder"
            value={location}
            data-testid="folder-path-input"
            onChange={(event) => setLocation(event.target.value)}
          />
          {props.mode === 'create' && (
            <>
              <label className="field-label" htmlFor={`${id}-name`}>
                New folder
              </label>
              <input
                id={`${id}-name`}
                className="text-input path-input"
                spellCheck={false}
                placeholder="(write into “Save in” itself)"
                value={folderName}
                data-testid="folder-name-input"
                onChange={(event) => setFolderName(event.target.value)}
              />
            </>
          )}
          <FolderBrowser
            path={location}
            files="none"
            onChoose={setLocation}
            onListed={(dir) => setLocation((current) => (current.trim() === '' ? dir : current))}
          />
          {props.mode === 'create' && target && (
            <p className="field-hint folder-target">
              Writes to <PathText className="folder-target-path" path={target} />
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          {problem && (
            <p className="dialog-problem" role="alert" data-testid="folder-dialog-error">
              {problem}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!target || busy} data-testid="folder-dialog-submit">
            {busy ? 'Working…' : submitLabel}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
