import { resolve } from 'node:path'
import type { EpochEvent, LabelSource, PredictedItem, PrelabelResult, TrainResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'


/** `loupe train`: trains a classifier on the labelled images, showing each epoch, and prints how it did. */
export async function trainCommand(
  loupe: Loupe,
  options: { epochs?: number; patience?: number; labels?: LabelSource | undefined },
  output: Output,
): Promise<void> {
  const { id } = await loupe.client.api.training.start({
    ...(options.labels !== undefined && { labels: options.labels }),
    ...(options.epochs !== undefined && { maxEpochs: options.epochs }),
    ...(options.patience !== undefined && { patience: options.patience }),
  })
  const unsubscribe = loupe.events.subscribe((event, payload) => {
    if (event !== 'training.epoch') return
    const epoch = payload as EpochEvent
    if (epoch.jobId !== id) return
    output.progress(
      `epoch ${epoch.epoch}/${epoch.maxEpochs}: loss ${epoch.trainLoss.toFixed(4)} / val ${epoch.valLoss.toFixed(4)}, ` +
        `accuracy ${(epoch.trainAccuracy * 100).toFixed(1)}% / val ${(epoch.valAccuracy * 100).toFixed(1)}%`,
    )
  })
  let result: TrainResult
  try {
    result = (await followJob(loupe, id, output)).result as TrainResult
  } finally {
    unsubscribe()
  }
  output.result(
    {
      model: result.model,
      labels: result.labels,
      epochs: result.epochs,
      bestEpoch: result.bestEpoch,
      stoppedBy: result.stoppedBy,
      trainCount: result.trainCount,
      valCount: result.valCount,
      valAccuracy: result.valAccuracy,
      perClass: result.perClass,
      predicted: result.predicted,
      seconds: result.seconds,
    },
    () =>
      [
        `Trained ${result.model} in ${result.seconds.toFixed(1)} s: ${result.epochs} epochs (${result.stoppedBy}, kept epoch ` +
          `${result.bestEpoch}) on ${result.trainCount} images, checked on ${result.valCount}` +
          (result.labels ? ` (classes from ${result.labels}).` : '.'),
        `Validation accuracy ${(result.valAccuracy * 100).toFixed(1)}%:`,
        ...Object.entries(result.perClass).map(
          ([label, m]) =>
            `  ${label.padEnd(24)} precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  (${m.support})`,
        ),
        `Predicted ${result.predicted} catalogue images.`,
      ].join('\n'),
  )
}

/** `loupe predict [PATH...]`: the active classifier's label for files, or for every catalogue image. */
export async function predictCommand(loupe: Loupe, paths: string[], output: Output): Promise<void> {
  let items: PredictedItem[]
  if (paths.length > 0) {
    items = await loupe.client.api.training.predict({ paths: paths.map((path) => resolve(path)) })
  } else {
    // Index new images first, so every catalogue image can be predicted.
    const { id } = await loupe.client.api.search.index({})
    await followJob(loupe, id, output)
    items = await loupe.client.api.training.predict({})
  }
  output.result(
    items.map((item) => ({ path: item.path, label: item.label, confidence: item.confidence })),
    () =>
      items.length === 0
        ? 'Nothing to predict.'
        : items.map((item) => `${item.label.padEnd(20)} ${(item.confidence * 100).toFixed(1).padStart(5)}%  ${item.path}`).join('\n'),
  )
}

/** `loupe models list`: embedding backbones and classifier versions, each with its kind. */
export async function listModelsCommand(loupe: Loupe, output: Output): Promise<void> {
  const backbones = await loupe.client.api.models.list({})
  const classifiers = await loupe.client.api.training.versions({})
  const listed = [
    ...backbones.map((model) => ({ kind: 'backbone' as const, ...model })),
    ...classifiers.map((version) => ({
      kind: 'classifier' as const,
      id: version.name,
      name: `${version.classes.length}-class classifier on ${version.backbone}`,
      backbone: version.backbone,
      classes: version.classes,
      createdAt: version.createdAt,
      origin: version.origin,
      samples: version.samples,
      valAccuracy: version.valAccuracy,
      active: version.active,
    })),
  ]
  output.result(listed, () => {
    if (listed.length === 0) return 'No models yet. "loupe models known" lists the ones to download; "loupe models add PATH" adds one from a folder or file.'
    const lines = backbones.map((m) => `${m.id}  ${m.active ? '(in use) ' : ''}${m.problem ? `BROKEN: ${m.problem}` : `${m.name}, ${m.dimension}-d`}`)
    for (const version of classifiers) {
      const accuracy = version.valAccuracy === null ? '' : `, validation accuracy ${(version.valAccuracy * 100).toFixed(1)}%`
      lines.push(`${version.name}  ${version.active ? '(active) ' : ''}${version.classes.join(', ')}${accuracy}, ${version.createdAt}`)
    }
    return lines.join('\n')
  })
}

/** `loupe prelabel`: box suggestions from the object detector for the images without boxes. */
export async function prelabelCommand(loupe: Loupe, threshold: number | undefined, output: Output): Promise<void> {
  const { id } = await loupe.client.api.training.prelabel(threshold === undefined ? {} : { threshold })
  const result = (await followJob(loupe, id, output)).result as PrelabelResult
  output.result(result, () =>
    [
      `Suggested ${result.suggestions} boxes on ${result.images} images with ${result.detector} on ${result.backend} ` +
        `(${result.imagesPerSecond.toFixed(2)} images/s${result.skipped ? `; ${result.skipped} unreadable` : ''}).`,
      ...Object.entries(result.byLabel)
        .sort((a, b) => b[1] - a[1])
        .map(([label, n]) => `  ${label}: ${n}`),
    ].join('\n'),
  )
}
