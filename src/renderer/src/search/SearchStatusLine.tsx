import { useId, useState } from 'react'
import type { SearchStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { FolderBrowser } from '../folders/FolderBrowser'
import { formatCount } from '../format/numbers'
import { ModelPicker } from './ModelPicker'

interface Props {
  status: SearchStatus | null
  problem: string | null
  onChanged(): void
}

/** Which model and backend search with, how much of the catalogue is indexed, and the way to index the rest. */
export function SearchStatusLine({ status, problem, onChanged }: Props) {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const [indexing, setIndexing] = useState(false)

  const indexNow = async () => {
    setIndexing(true)
    try {
      await client.api.search.index({})
    } catch (error) {
      reportError(error)
    } finally {
      setIndexing(false)
      onChanged()
    }
  }

  if (!status) {
    return (
      <div className="full-window-status" data-testid="search-status" data-ready="false">
        {problem ? <span className="search-problem">{problem}</span> : <span className="spinner" aria-hidden="true" />}
      </div>
    )
  }
  return (
    <>
      <div
        className="full-window-status"
        data-testid="search-status"
        data-ready="true"
        data-indexed={status.indexed}
        data-pending={status.pending}
        data-model={status.modelId}
        data-model-problem={status.modelProblem ? 'true' : 'false'}
      >
        <ModelPicker status={status} onChanged={onChanged} />
        <span className="search-status-item">
          <span className="muted">Backend</span> {status.backend}
        </span>
        <span className="search-status-item" data-testid="search-indexed">
          {formatCount(status.indexed)} indexed
          {status.pending > 0 && <span className="search-pending"> · {formatCount(status.pending)} not yet</span>}
        </span>
        {status.pending > 0 && !status.modelProblem && (
          <button type="button" className="button button-small button-primary" disabled={indexing} data-testid="search-index-now" onClick={() => void indexNow()}>
            {indexing ? 'Starting…' : 'Index now'}
          </button>
        )}
      </div>
      {status.modelProblem && (
        <ModelSetup
          problem={status.modelProblem}
          onAdded={(name) => {
            notify(`Model ${name} added`)
            onChanged()
          }}
        />
      )}
    </>
  )
}

function ModelSetup({ problem, onAdded }: { problem: string; onAdded(name: string): void }) {
  const client = useClient()
  const id = useId()
  const [dir, setDir] = useState('')
  const [adding, setAdding] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const add = async () => {
    if (!dir.trim()) return
    setAdding(true)
    setError(null)
    try {
      const model = await client.api.models.add({ dir: dir.trim() })
      if (model.problem) setError(model.problem)
      else onAdded(model.name)
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    } finally {
      setAdding(false)
    }
  }

  return (
    <section className="model-setup" data-testid="model-setup">
      <p className="model-problem" data-testid="model-problem">
        {problem}
      </p>
      <p className="field-hint">
        Search needs an image model on this computer. Choose the folder of a TensorFlow.js model (the one holding its
        model.json) and add it; Loupe copies it into the workspace.
      </p>
      <form
        className="model-setup-row"
        onSubmit={(event) => {
          event.preventDefault()
          void add()
        }}
      >
        <input
          id={`${id}-dir`}
          aria-label="Model folder"
          className="text-input path-input"
          spellCheck={false}
          placeholder="/path/to/model-folder"
          value={dir}
          aria-invalid={error !== null}
          data-testid="model-path-input"
          onChange={(event) => setDir(event.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={adding || !dir.trim()} data-testid="model-add">
          {adding ? 'Adding…' : 'Add model'}
        </button>
      </form>
      {error && (
        <p className="dialog-problem" data-testid="model-add-error">
          {error}
        </p>
      )}
      <FolderBrowser path={dir} files="none" onChoose={setDir} />
    </section>
  )
}
