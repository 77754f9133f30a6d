import { resolve } from 'node:path'
import type { AnomalyFitResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

/** `loupe anomaly fit`: learns "good" from a label's images or from files (not added), then scores the catalogue. */
export async function anomalyFitCommand(loupe: Loupe, options: { label?: string; paths: string[]; name?: string }, output: Output): Promise<void> {
  const source = options.label !== undefined ? { label: options.label } : { paths: options.paths.map((path) => resolve(path)) }
  const { id } = await loupe.client.api.anomaly.fit({ ...source, ...(options.name !== undefined && { name: options.name }) })
  const result = (await followJob(loupe, id, output)).result as AnomalyFitResult
  const model = `${result.name} v${result.version}`
  output.result({ model, goodImages: result.goodImages, patches: result.patches, threshold: result.threshold }, () =>
    [
      `Learnt anomaly model ${model} from ${result.goodImages} good images: ${result.patches} patches in its memory bank, threshold ${result.threshold.toFixed(3)}.`,
      `Scored ${result.scoredImages} catalogue images; "loupe anomaly score" lists them, most anomalous first.`,
    ].join('\n'),
  )
}

/** `loupe anomaly score`: scores files (not added) or lists the catalogue's scores, most anomalous first. */
export async function anomalyScoreCommand(loupe: Loupe, options: { paths: string[]; name?: string; threshold?: number }, output: Output): Promise<void> {
  const scores = await loupe.client.api.anomaly.score({
    ...(options.paths.length > 0 && { paths: options.paths.map((path) => resolve(path)) }),
    ...(options.name !== undefined && { name: options.name }),
    ...(options.threshold !== undefined && { threshold: options.threshold }),
  })
  output.result(
    scores.map(({ path, score, anomalous, regions }) => ({ path, score, anomalous, regions })),
    () =>
      scores
        .map((item) => {
          const where = item.regions.map((region) => `${region.width}×${region.height} at ${region.x},${region.y}`).join('; ')
          const id = item.imageId === null ? '' : ` (id ${item.imageId})`
          return `${item.anomalous ? 'ANOMALOUS' : 'good     '} ${item.score.toFixed(3)}  ${item.path}${id}${where ? `  ${where}` : ''}`
        })
        .join('\n') || 'No images have a score yet.',
  )
}
