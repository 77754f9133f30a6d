import { resolve } from 'node:path'
import { ApiError } from '../../../../shared/api/errors'
import type { AnomalyEvaluation, AnomalyFitResult, AnomalyModelSummary } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

/** `loupe anomaly fit`: learns "good" from a label's images or from files (not added), then scores the catalogue. */
export async function anomalyFitCommand(
  loupe: Loupe,
  options: { label?: string; paths: string[]; name?: string; secondModel?: string | null },
  output: Output,
): Promise<void> {
  const source = options.label !== undefined ? { label: options.label } : { paths: options.paths.map((path) => resolve(path)) }
  const { id } = await loupe.client.api.anomaly.fit({
    ...source,
    ...(options.name !== undefined && { name: options.name }),
    ...(options.secondModel !== undefined && { secondModel: options.secondModel }),
  })
  const result = (await followJob(loupe, id, output)).result as AnomalyFitResult
  const model = `${result.name} v${result.version}`
  output.result({ model, backbones: result.backbones, goodImages: result.goodImages, patches: result.patches, threshold: result.threshold }, () =>
    [
      `Learnt anomaly model ${model} with ${result.backbones.join(' and ')} from ${result.goodImages} good images: ${result.patches} patches in its memory ${result.backbones.length > 1 ? 'banks' : 'bank'}, threshold ${result.threshold.toFixed(3)}.`,
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

/** `loupe anomaly models`: every version by name, newest first, with its threshold and the one in use marked. */
export async function anomalyModelsCommand(loupe: Loupe, output: Output): Promise<void> {
  const models = await loupe.client.api.anomaly.models({})
  output.result(models, () => models.map(describeVersion).join('\n') || 'No anomaly model yet: "loupe anomaly fit --label good" learns one.')
}

/** `loupe anomaly use REF`: the version the library sorts, filters and badges by, and that scores without --name. */
export async function anomalyUseCommand(loupe: Loupe, reference: string, output: Output): Promise<void> {
  const chosen = await loupe.client.api.anomaly.setActive({ id: await versionId(loupe, reference) })
  output.result(chosen, () => `${chosen.name} v${chosen.version} is now the anomaly model in use.`)
}

/** `loupe anomaly threshold REF VALUE`: saves a version's threshold. */
export async function anomalyThresholdCommand(loupe: Loupe, reference: string, threshold: number, output: Output): Promise<void> {
  const saved = await loupe.client.api.anomaly.setThreshold({ id: await versionId(loupe, reference), threshold })
  output.result(saved, () => `${describeVersion(saved)}\nImages scoring ${threshold} or more are now anomalous under ${saved.name} v${saved.version}.`)
}

function describeVersion(model: AnomalyModelSummary): string {
  const falseAlarms = `${(model.falseAlarmRate * 100).toFixed(1)}% false alarms expected`
  return [
    `${model.active ? '*' : ' '} ${model.id}  ${model.name} v${model.version}`,
    `threshold ${model.threshold.toFixed(3)} (${falseAlarms})`,
    `${model.goodImages} good (${model.heldOutImages} held out), ${model.patches} patches, ${model.scoredImages} scored`,
    `${model.backbones.join(' + ')}, ${model.createdAt}`,
  ].join('  ')
}

/**
 * A version named on the command line: its id (digits), NAME@N (version N of NAME), or NAME (the version of NAME in
 * use, else its newest).
 */
async function versionId(loupe: Loupe, reference: string): Promise<number> {
  if (/^\d+$/.test(reference)) return Number(reference)
  const at = /^(.+)@(\d+)$/.exec(reference)
  const name = at ? at[1]! : reference
  const versions = (await loupe.client.api.anomaly.models({})).filter((model) => model.name === name)
  const chosen = at ? versions.find((model) => model.version === Number(at[2])) : (versions.find((model) => model.active) ?? versions[0])
  if (!chosen) {
    const known = versions.map((model) => `v${model.version}`).join(', ')
    throw new ApiError('not_found', versions.length === 0 ? `There is no anomaly model named "${name}".` : `"${name}" has no such version; it has ${known}.`)
  }
  return chosen.id
}

/** `loupe anomaly evaluate`: how the version in use (or the one named) separates the catalogue's good images from its defects. */
export async function anomalyEvaluateCommand(loupe: Loupe, options: { name?: string; label?: string; threshold?: number }, output: Output): Promise<void> {
  const modelId = options.name === undefined ? undefined : await versionId(loupe, options.name)
  const evaluation = await loupe.client.api.anomaly.evaluate({
    ...(modelId !== undefined && { modelId }),
    ...(options.label !== undefined && { goodLabel: options.label }),
    ...(options.threshold !== undefined && { threshold: options.threshold }),
  })
  output.result(evaluation, () => describeEvaluation(evaluation))
}

function describeEvaluation(evaluation: AnomalyEvaluation): string {
  const { model, leftOut, confusion } = evaluation
  const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—')
  const listed = (images: AnomalyEvaluation['worstMisses']) => images.map((image) => `  ${image.score.toFixed(3)}  ${image.path} (id ${image.imageId})`)
  return [
    `Anomaly model ${model.name} v${model.version}: ${evaluation.goodImages} good images (label "${evaluation.goodLabel}"), ${evaluation.defectImages} defective (any other label or a box).`,
    `Left out: ${leftOut.bank} learnt from (in the memory bank), ${leftOut.unlabelled} without label or box, ${leftOut.conflicting} both good and defective, ${leftOut.unscored} not scored.`,
    evaluation.auroc === null ? 'AUROC: needs good and defective images both.' : `AUROC ${evaluation.auroc.toFixed(3)}.`,
    `At threshold ${evaluation.threshold.toFixed(3)}: ${counted(confusion.truePositive, 'defect')} detected, ${confusion.falseNegative} missed ` +
      `(${percent(confusion.truePositive, evaluation.defectImages)} detected); ${counted(confusion.falsePositive, 'false alarm')}, ` +
      `${counted(confusion.trueNegative, 'good image')} passed (${percent(confusion.falsePositive, evaluation.goodImages)} false alarms).`,
    ...(evaluation.worstFalseAlarms.length > 0 ? ['Good images scoring highest:', ...listed(evaluation.worstFalseAlarms)] : []),
    ...(evaluation.worstMisses.length > 0 ? ['Defective images scoring lowest:', ...listed(evaluation.worstMisses)] : []),
  ].join('\n')
}

const counted = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`
