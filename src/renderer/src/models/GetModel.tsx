import { useId, useRef, useState } from 'react'
import { ModelDownloadResult, type JobSummary, type KnownModelInfo } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { FolderBrowser } from '../folders/FolderBrowser'
import { formatBytes } from '../format/numbers'
import { t } from '../i18n/t'
import { JobError } from '../jobs/JobError'
import { isJobActive, useLatestJob } from '../jobs/useLatestJob'
import { OnnxSettingsFields } from './OnnxSettingsFields'
import { planOnnx } from './onnxSettingsForm'
import { useKnownModels } from './useKnownModels'
import { useOnnxInspection } from './useOnnxInspection'
import './getModel.css'

interface Props {
  /** Why a model is wanted now (e.g. the search view's "not installed"); none on first run. */
  problem?: string | null
  /** False inside a dialog whose title already says "Get an image model". */
  heading?: boolean
  onInstalled(name: string): void
}

/**
 * "Get an image model": the models Loupe can download, with what a person weighs (size, licence, search quality,
 * speed here), and, for machines without internet, adding a TensorFlow.js folder or an .onnx / .tflite file.
 * Models are kept once per user, so this is needed once, not per workspace.
 */
export function GetModel({ problem = null, heading = true, onInstalled }: Props) {
  const { known, problem: listProblem, reload } = useKnownModels()
  const download = useLatestJob('model-download')
  // Downloads started here: when one completes, the model is installed and whoever opened this step hears of it.
  const started = useRef(new Set<number>())
  useClientEvent('jobs.progress', (job) => {
    if (job.state !== 'completed' || !started.current.delete(job.id)) return
    const result = ModelDownloadResult.safeParse(job.result)
    reload()
    const modelId = result.success ? result.data.modelId : null
    onInstalled(known?.find((candidate) => candidate.id === modelId)?.name ?? modelId ?? t('models.getModel.unnamed'))
  })

  return (
    <section className="get-model" data-testid="get-model">
      {heading && <h2 className="get-model-title">{t('models.getModel.title')}</h2>}
      {problem && (
        <p className="model-problem" data-testid="model-problem">
          {problem}
        </p>
      )}
      <p className="field-hint">{t('models.getModel.intro')}</p>
      {listProblem && <p className="dialog-problem">{listProblem}</p>}
      <ul className="known-models" data-testid="known-models">
        {known?.map((model) => (
          // A download job's title names its model (see ModelDownloadRunner.title).
          <KnownModelCard
            key={model.id}
            model={model}
            job={download?.title.endsWith(model.name) ? download : null}
            onStarted={(jobId) => started.current.add(jobId)}
          />
        ))}
      </ul>
      <AddModel
        onAdded={(name) => {
          reload()
          onInstalled(name)
        }}
      />
    </section>
  )
}

function KnownModelCard({ model, job, onStarted }: { model: KnownModelInfo; job: JobSummary | null; onStarted(jobId: number): void }) {
  const client = useClient()
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const downloading = job !== null && isJobActive(job)

  const start = async () => {
    setStarting(true)
    setError(null)
    try {
      onStarted((await client.api.models.download({ id: model.id })).id)
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    } finally {
      setStarting(false)
    }
  }

  const speeds = speedsText(model)
  return (
    <li className="known-model" data-testid="known-model" data-model-id={model.id} data-installed={model.installed}>
      <div className="known-model-head">
        <span className="known-model-name">{model.name}</span>
        {model.recommended && <span className="known-model-tag">{t('models.known.recommended')}</span>}
      </div>
      <div className="known-model-facts">
        {t('models.known.facts', { dimension: model.dimension, size: formatBytes(model.downloadBytes), licence: model.licence })}
      </div>
      <div className="known-model-facts">
        {t('models.known.quality', { precision: model.cifar10PrecisionAt10.toFixed(2), accuracy: model.neuAccuracy.toFixed(2) })}
        {speeds && ` · ${speeds}`}
      </div>
      <div className="known-model-action">
        {model.installed ? (
          <span className="known-model-installed" data-testid="known-model-installed">
            {t('models.known.installed')}
          </span>
        ) : downloading ? (
          <DownloadProgress job={job} />
        ) : model.downloadable ? (
          <button type="button" className="button button-primary button-small" disabled={starting} data-testid="known-model-download" onClick={() => void start()}>
            {job?.state === 'failed' || job?.state === 'cancelled' || job?.state === 'interrupted' ? t('models.known.downloadAgain') : t('models.known.download')}
          </button>
        ) : (
          <span className="field-hint">{model.howToGet}</span>
        )}
      </div>
      {!downloading && job?.state === 'failed' && job.error && <JobError error={job.error} />}
      {error && <p className="dialog-problem">{error}</p>}
    </li>
  )
}

/** How fast the model embeds here, on the runtimes measured; null when none was. */
function speedsText({ onnxruntimeMsPerImage: onnxruntime, wasmMsPerImage: wasm }: KnownModelInfo): string | null {
  if (onnxruntime !== null && wasm !== null) return t('models.known.speedBoth', { onnxruntime, wasm })
  if (onnxruntime !== null) return t('models.known.speedOnnxruntime', { onnxruntime })
  return wasm === null ? null : t('models.known.speedWasm', { wasm })
}

function DownloadProgress({ job }: { job: JobSummary }) {
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0
  return (
    <span className="known-model-progress" data-testid="known-model-progress">
      <span className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={job.done}>
        <span className="progress-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
      {job.total > 0 ? t('models.known.progress', { done: formatBytes(job.done), total: formatBytes(job.total) }) : t('models.known.starting')}
    </span>
  )
}

function AddModel({ onAdded }: { onAdded(name: string): void }) {
  const client = useClient()
  const id = useId()
  const [path, setPath] = useState('')
  const [adding, setAdding] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const onnx = useOnnxInspection(path)
  const choose = (next: string) => {
    setPath(next)
    setError(null)
  }

  const add = async () => {
    if (!path.trim()) return
    // An .onnx file goes in with the settings confirmed in the form; other models describe themselves.
    const plan = onnx.form && planOnnx(onnx.form)
    if (plan && !plan.ok) {
      setError(plan.problem)
      return
    }
    setAdding(true)
    setError(null)
    try {
      const model = await client.api.models.add({ path: path.trim(), ...(plan ? { onnx: plan.settings } : {}) })
      if (model.problem) setError(model.problem)
      else onAdded(model.name)
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    } finally {
      setAdding(false)
    }
  }

  const problem = error ?? onnx.problem
  return (
    <details className="add-model">
      <summary data-testid="add-model-open">{t('models.add.open')}</summary>
      <p className="field-hint">{t('models.add.hint')}</p>
      <form
        className="model-setup-row"
        onSubmit={(event) => {
          event.preventDefault()
          void add()
        }}
      >
        <input
          id={`${id}-path`}
          aria-label={t('models.add.path')}
          className="text-input path-input"
          spellCheck={false}
          placeholder={t('models.add.pathPlaceholder')}
          value={path}
          aria-invalid={problem !== null}
          data-testid="model-path-input"
          onChange={(event) => choose(event.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={adding || onnx.inspecting || !path.trim()} data-testid="model-add">
          {adding ? t('models.add.adding') : onnx.inspecting ? t('models.add.reading') : t('models.add.submit')}
        </button>
      </form>
      {onnx.inspection?.sidecar && <p className="field-hint">{t('models.add.sidecar', { sidecar: onnx.inspection.sidecar })}</p>}
      {onnx.inspection && onnx.form && <OnnxSettingsFields inspection={onnx.inspection} form={onnx.form} disabled={adding} onChange={onnx.setForm} />}
      {problem && (
        <p className="dialog-problem" data-testid="model-add-error">
          {problem}
        </p>
      )}
      <FolderBrowser path={path} files="models" onChoose={choose} />
    </details>
  )
}
