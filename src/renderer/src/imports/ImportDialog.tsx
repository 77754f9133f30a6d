import { useEffect, useId, useRef, useState } from 'react'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { FolderBrowser } from './FolderBrowser'
import './imports.css'

interface Props {
  /** Paths chosen before the dialog opened: from the native picker or dropped onto the window. */
  initialPaths: readonly string[]
  onClose(): void
}

const parsePaths = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

export function ImportDialog({ initialPaths, onClose }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [text, setText] = useState(initialPaths.join('\n'))
  const [labelsFromFolders, setLabelsFromFolders] = useState(false)
  const [starting, setStarting] = useState(false)
  const fieldId = useId()
  const paths = parsePaths(text)

  // showModal (not the open attribute) so the dialog traps focus and the page behind it is inert.
  useEffect(() => dialogRef.current?.showModal(), [])

  const start = async () => {
    if (paths.length === 0 || starting) return
    setStarting(true)
    try {
      await client.api.imports.start({ paths, labelsFromFolders })
      onClose()
    } catch (error) {
      reportError(error)
      setStarting(false)
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog import-dialog"
      aria-labelledby={`${fieldId}-title`}
      data-testid="import-dialog"
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <header className="dialog-header">
          <h2 id={`${fieldId}-title`}>Import images</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">
          <label className="field-label" htmlFor={fieldId}>
            Folder or file to import
          </label>
          <textarea
            id={fieldId}
            className="text-input path-input"
            rows={Math.min(4, Math.max(1, paths.length))}
            spellCheck={false}
            autoFocus
            placeholder="/path/to/images — type, paste or pick below"
            value={text}
            data-testid="import-path-input"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              // Enter imports, as in a one-line field; Shift+Enter adds another path on a new line.
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault()
                void start()
              }
            }}
          />
          <p className="field-hint">One path per line. Folders are imported with everything inside them.</p>
          <FolderBrowser path={paths.length === 1 ? (paths[0] ?? '') : ''} onChoose={setText} />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={labelsFromFolders}
              data-testid="import-labels-from-folders"
              onChange={(event) => setLabelsFromFolders(event.target.checked)}
            />
            <span>
              Use folder names as labels
              <span className="checkbox-hint">An image in …/cat/001.jpg gets the label “cat”.</span>
            </span>
          </label>
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={paths.length === 0 || starting} data-testid="import-submit">
            {starting ? 'Starting…' : paths.length > 1 ? `Import ${paths.length} paths` : 'Import'}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
