import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { ModelDownloadResult } from '../../../shared/api/schemas'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import { downloadFile, knownModel, type KnownModel, type PublishedFile } from '../../engines/ml'
import type { Embedder } from './embedder'
import { installModel } from './models'
import type { JobTitle } from '../../../shared/jobs/job-titles'

export interface ModelDownloadParams {
  modelId: string
}

export interface ModelDownloadOptions {
  /**
   * A base URL serving the published files by name, used instead of their home sites (LOUPE_MODEL_MIRROR): for sites
   * that keep an internal copy, and for tests, which serve the real files from 127.0.0.1.
   */
  mirror?: string
}

/**
 * Downloads a known model as a job (progress in bytes, cancellable). The partial file is kept in the store's
 * `.downloads/`, so resuming the job, or downloading the same model again, carries on where it stopped; the finished
 * file must match the published SHA-256 before it is converted and installed.
 */
export class ModelDownloadRunner implements JobRunner<ModelDownloadParams, ModelDownloadResult> {
  readonly kind = 'model-download' as const
  readonly resumable = true

  constructor(
    private readonly embedder: Embedder,
    private readonly options: ModelDownloadOptions = {},
  ) {}

  title(params: ModelDownloadParams): JobTitle {
    return { id: 'modelDownload', values: { model: knownModel(params.modelId)?.name ?? params.modelId } }
  }

  async run(context: JobContext, params: ModelDownloadParams): Promise<ModelDownloadResult> {
    const { known, source } = downloadableModel(params.modelId)
    const downloads = join(this.embedder.models.dir, '.downloads')
    const partPath = join(downloads, `${source.fileName}.part`)
    await downloadFile(
      { url: this.urlOf(source), partPath, sha256: source.sha256, bytes: source.bytes, modelId: known.id },
      { signal: context.signal, onProgress: (received, total) => context.progress(received, total) },
    )
    // The verified file under its own name, so the converter's messages name the file a person would recognise.
    const file = join(downloads, source.fileName)
    await rename(partPath, file)
    try {
      const facts = {
        id: known.id,
        name: known.name,
        licence: known.licence,
        ...(source.embeddingTensor ? { embeddingTensor: source.embeddingTensor } : {}),
      }
      const { activated } = await installModel(this.embedder, file, { facts })
      return { modelId: known.id, bytes: source.bytes, activated }
    } finally {
      await rm(file, { force: true })
    }
  }

  private urlOf(source: PublishedFile): string {
    return this.options.mirror ? new URL(source.fileName, withSlash(this.options.mirror)).href : source.url
  }
}

/** The known model and its published file; refused in words when there is no such model or it cannot be downloaded. */
export function downloadableModel(modelId: string): { known: KnownModel; source: PublishedFile } {
  const known = knownModel(modelId)
  if (!known) throw new ApiError('not_found', `Loupe does not know a model "${modelId}"; "loupe models known" lists the ones it can download.`)
  if (!known.source) throw new ApiError('bad_request', `${known.name} cannot be downloaded by Loupe. ${known.howToGet ?? ''}`.trim())
  return { known, source: known.source }
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`
}
