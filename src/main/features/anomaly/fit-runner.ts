import { bankPatches, fitAnomalyModel, partnerBackbone, secondBackboneUsable } from '../../engines/anomaly'
import type { AnomalyFitRequest, AnomalyFitResult } from '../../../shared/api/schemas'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import type { Embedder } from '../models'
import { inWords, type AnomalyService } from './anomaly-service'
import type { JobTitle } from '../../../shared/jobs/job-titles'

export const DEFAULT_ANOMALY_MODEL_NAME = 'default'

/**
 * The 'anomaly-fit' job: learns the good images with the workspace's image model (and a second one beside it, see
 * backbonesFor) in the inference workers, stores the result as the next version of its name, then scores every catalogue image with it. Progress counts images: the good
 * ones, then the catalogue's. A cancelled or interrupted fit stores nothing (it is not resumable; running it again
 * starts over), and one cancelled while scoring keeps the model and the scores made so far.
 */
export class AnomalyFitRunner implements JobRunner<AnomalyFitRequest, AnomalyFitResult> {
  readonly kind = 'anomaly-fit' as const
  readonly resumable = false

  constructor(
    private readonly service: AnomalyService,
    private readonly embedder: Embedder,
  ) {}

  title(request: AnomalyFitRequest): JobTitle {
    const name = request.name ?? DEFAULT_ANOMALY_MODEL_NAME
    const { source } = this.service.goodImages(request)
    if (source.kind === 'label') return { id: 'anomalyFitLabel', values: { name, label: source.label } }
    return { id: source.kind === 'files' ? 'anomalyFitFiles' : 'anomalyFitChosen', values: { name, count: source.count } }
  }

  async run(context: JobContext, request: AnomalyFitRequest): Promise<AnomalyFitResult> {
    const name = request.name ?? DEFAULT_ANOMALY_MODEL_NAME
    const { paths, labelId } = this.service.goodImages(request)
    const running = await this.embedder.startEach(this.backbonesFor(request, paths.length))
    const catalogue = this.service.catalogueSize()
    // Fitting reports its own total (each backbone goes over the pictures); the catalogue's scoring follows it.
    let fitTotal = paths.length
    const { bankPaths, heldOutPaths, ...model } = await inWords(() =>
      fitAnomalyModel(
        running.map(({ engine }) => engine),
        paths,
        { signal: context.signal, onProgress: (done, total) => context.progress(done, (fitTotal = total) + catalogue) },
      ),
    )
    const summary = await this.service.store.add(name, model, { goodLabelId: labelId, bankPaths, heldOutPaths })
    const scored = await this.service.scoreCatalogue(summary.id, {
      signal: context.signal,
      onProgress: (done) => context.progress(fitTotal + done, fitTotal + catalogue),
    })
    return {
      modelId: summary.id,
      name,
      version: summary.version,
      backbones: summary.backbones,
      goodImages: model.goodImages,
      patches: bankPatches(model),
      threshold: model.threshold,
      scoredImages: scored,
    }
  }

  /**
   * The model in use, and beside it the second one asked for, by default the one measured to help it if installed;
   * none when too few good images would be held out to scale its scores by.
   */
  private backbonesFor(request: AnomalyFitRequest, goodImages: number): string[] {
    const first = this.embedder.modelId
    if (!secondBackboneUsable(goodImages)) return [first]
    const partner = partnerBackbone(first)
    const second = request.secondModel !== undefined ? request.secondModel : partner && this.embedder.models.installedIds().includes(partner) ? partner : null
    return second === null || second === first ? [first] : [first, second]
  }
}
