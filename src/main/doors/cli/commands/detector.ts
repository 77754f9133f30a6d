import { resolve } from 'node:path'
import type { DetectorEpochEvent, DetectorSummary, DetectorTrainResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

/** `loupe detector train`: trains a box detector on the catalogue's boxes, showing each epoch, and prints how it did. */
export async function detectorTrainCommand(loupe: Loupe, options: { epochs?: number; patience?: number }, output: Output): Promise<void> {
  const { id } = await loupe.client.api.detector.train({
    ...(options.epochs !== undefined && { maxEpochs: options.epochs }),
    ...(options.patience !== undefined && { patience: options.patience }),
  })
  const unsubscribe = loupe.events.subscribe((event, payload) => {
    if (event !== 'detector.epoch') return
    const epoch = payload as DetectorEpochEvent
    if (epoch.jobId !== id) return
    output.progress(
      `epoch ${epoch.epoch}/${epoch.maxEpochs}: loss ${epoch.trainLoss.toFixed(4)} / val ${epoch.valLoss.toFixed(4)}, val mAP50 ${epoch.valMAP50.toFixed(3)}`,
    )
  })
  let result: DetectorTrainResult
  try {
    result = (await followJob(loupe, id, output)).result as DetectorTrainResult
  } finally {
    unsubscribe()
  }
  output.result(
    {
      model: result.model,
      epochs: result.epochs,
      trainImages: result.trainImages,
      valImages: result.valImages,
      valMAP50: result.valMAP50,
      perClass: result.perClass,
      bestEpoch: result.bestEpoch,
      stoppedBy: result.stoppedBy,
      valMAP5095: result.valMAP5095,
      backend: result.backend,
      seconds: result.seconds,
    },
    () =>
      [
        `Trained ${result.model} on ${result.backend} in ${result.seconds.toFixed(1)} s: ${result.epochs} epochs (${result.stoppedBy}, ` +
          `kept epoch ${result.bestEpoch}) on ${result.trainImages} images, checked on ${result.valImages}.`,
        `Validation mAP50 ${result.valMAP50.toFixed(3)}, mAP50-95 ${result.valMAP5095.toFixed(3)}; AP50 per class:`,
        ...Object.entries(result.perClass).map(([label, ap]) => `  ${label.padEnd(24)} ${ap === null ? 'no validation box' : ap.toFixed(3)}`),
      ].join('\n'),
  )
}

/** `loupe detect [PATH...]`: the active detector's boxes on files (not added) or on every catalogue image. */
export async function detectCommand(loupe: Loupe, paths: string[], threshold: number | undefined, output: Output): Promise<void> {
  const found = await loupe.client.api.detector.detect({
    ...(paths.length > 0 && { paths: paths.map((path) => resolve(path)) }),
    ...(threshold !== undefined && { threshold }),
  })
  const { active, backend } = await loupe.client.api.detector.status({})
  output.result(
    found.map((image) => ({ path: image.path, boxes: image.boxes.map(({ label, score, x, y, width, height }) => ({ label, score, x, y, width, height })) })),
    () => {
      const lines = [`${active?.name ?? 'The detector'} (head on ${backend ?? 'the detection worker'}) on ${count(found.length, 'image')}:`]
      for (const image of found) {
        lines.push(`${image.path}: ${image.boxes.length === 0 ? 'nothing found' : count(image.boxes.length, 'box', 'boxes')}`)
        for (const box of image.boxes) {
          lines.push(`  ${box.label.padEnd(20)} ${box.score.toFixed(3)}  x ${Math.round(box.x)} y ${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`)
        }
      }
      return lines.join('\n')
    },
  )
}

/** `loupe detector models`: every detector version, the active one marked *. */
export async function detectorModelsCommand(loupe: Loupe, output: Output): Promise<void> {
  const versions = await loupe.client.api.detector.versions({})
  output.result(versions, () =>
    versions.length === 0 ? 'No detectors yet: "loupe detector train" trains one on the catalogue\'s boxes.' : versions.map(describe).join('\n'),
  )
}

/** `loupe detector use ID`: makes a version the active one. */
export async function detectorUseCommand(loupe: Loupe, reference: string, output: Output): Promise<void> {
  const chosen = await loupe.client.api.detector.activate({ id: versionId(reference) })
  output.result(chosen, () => `${chosen.name} is now the active detector.`)
}

export async function detectorExportCommand(loupe: Loupe, reference: string, dir: string, output: Output): Promise<void> {
  const exported = await loupe.client.api.detector.exportVersion({ id: versionId(reference), dir: resolve(dir) })
  output.result(exported, () => `Exported to ${exported.dir}: ${exported.files.join(', ')}.`)
}

export async function detectorImportCommand(loupe: Loupe, dir: string, output: Output): Promise<void> {
  const imported = await loupe.client.api.detector.importVersion({ dir: resolve(dir) })
  output.result(imported, () => `Imported as ${imported.name} (not active; "loupe detector use ${imported.id}" makes it so).`)
}

/** A version as the CLI names it ("detector-3") or by its id ("3"). */
export function versionId(reference: string): number {
  const match = /^(?:detector-)?([1-9]\d*)$/.exec(reference)
  if (!match) throw new Error(`"${reference}" is not a detector: give its id or name, e.g. 3 or detector-3 ("loupe detector models" lists them).`)
  return Number(match[1])
}

function describe(version: DetectorSummary): string {
  const map = version.valMAP50 === null ? 'no validation mAP' : `val mAP50 ${version.valMAP50.toFixed(3)}`
  return (
    `${version.active ? '*' : ' '} ${version.name}  ${version.classes.join(', ')}  ${map}, threshold ${version.scoreThreshold}, ` +
    `${version.origin} on ${version.backbone}, ${version.createdAt}`
  )
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
