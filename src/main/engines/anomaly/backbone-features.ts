import type { EmbeddingEngine, FeatureMap } from '../ml'
import { AnomalyError } from './errors'
import { loadAnomalyInput, type AnomalyInput, type ColourKind } from './image-input'

/**
 * The backbones' side of PatchCore: which two layers of a backbone make the patch features, and pictures a batch at a
 * time with each backbone's maps of them, computed in the inference workers while the anomaly worker has the last batch.
 */

/**
 * Layers measured to work better than a stage's last layer, by backbone. MobileNetV1's stride-16 stage is eleven
 * layers deep; its first pointwise convolution (conv_13) keeps the mid-level texture PatchCore relies on, where the
 * stage's end (conv_23) is already close to object parts (magnetic tiles, held-out tiles: image AUROC .86 against .75;
 * conv_9 + conv_13 .81, conv_11 + conv_15 .76).
 */
const MEASURED_LAYERS: Readonly<Record<string, readonly [string, string]>> = {
  'mobilenet-v1-1.0-224': ['conv_11', 'conv_13'],
  // MobileNetV2 1.0 (layers named by their operator in the .tflite file): the stride-16 stage's fifth expansion
  // (conv_40, the first of 576 channels) against the stage's last (conv_48), each with the stride-8 stage's last
  // expansion, conv_22: image AUROC .78 against .76 learnt on the first 60% of the good tiles, .86 against .83 learnt
  // on the last 60% (means over three seeds, which alone move a figure by up to .05; conv_25, the stage's first
  // expansion, one seed: .80 and .82 against conv_40's .81 and .86).
  'mobilenet-v2-1.0-224': ['conv_22', 'conv_40'],
}

/**
 * The backbone that, learnt beside a given one, was measured to help: MobileNetV1 and V2 see the tiles differently
 * enough that their maps, scaled and averaged, are as good as the better one on every split (magnetic tiles, image
 * AUROC, three seeds: the pair .855 and .851 learnt on the first and last 60% of the good tiles; V1 alone .836 and
 * .796; V2 alone .822 and .883, so which one is better alone depends on the split).
 */
const MEASURED_PARTNERS: Readonly<Record<string, string>> = {
  'mobilenet-v1-1.0-224': 'mobilenet-v2-1.0-224',
  'mobilenet-v2-1.0-224': 'mobilenet-v1-1.0-224',
}

/** The backbone to learn beside `modelId` when a person does not choose one, if one was measured to help. */
export function partnerBackbone(modelId: string): string | null {
  return MEASURED_PARTNERS[modelId] ?? null
}

/** The stride-8 and stride-16 layers: measured ones for a known backbone, else the engine's stage ends. */
export function backboneLayers(engine: EmbeddingEngine): [string, string] {
  const measured = MEASURED_LAYERS[engine.manifest.id]
  if (measured) return [...measured]
  const fine = engine.featureLayers?.stride8
  const coarse = engine.featureLayers?.stride16
  if (!fine || !coarse) {
    throw new AnomalyError(
      'no-feature-maps',
      `The image model "${engine.manifest.name}" gives no stride-8 and stride-16 feature maps, which anomaly detection needs: use a convolutional model such as MobileNet.`,
    )
  }
  return [fine, coarse]
}

/** A backbone and the two layers read from it. */
export interface BackboneReader {
  engine: EmbeddingEngine
  layers: readonly [string, string]
}

export interface FeatureBatch {
  start: number
  paths: string[]
  /** The pictures as the first backbone takes them (their sizes and colour kinds are the same for every backbone). */
  inputs: AnomalyInput[]
  /** Per backbone, in the order given: its two maps of the batch. */
  maps: FeatureMap[][]
}

/**
 * The pictures of `paths`, a batch at a time, with each backbone's feature maps of them (the backbones run side by
 * side, each in its own inference worker). The next batch is decoded and sent through the backbones while the caller
 * works on this one; `signal` is checked before a batch starts and before it is handed over. `kinds` holds the colour
 * kinds seen so far with a path of each: a picture of the other kind is refused.
 */
export async function* featureBatches(
  readers: readonly BackboneReader[],
  paths: readonly string[],
  batchSize: number,
  kinds: Map<ColourKind, string>,
  signal: AbortSignal | undefined,
): AsyncGenerator<FeatureBatch> {
  const prepare = async (start: number): Promise<FeatureBatch> => {
    signal?.throwIfAborted()
    const batch = paths.slice(start, start + batchSize)
    const perBackbone = await Promise.all(
      readers.map(async ({ engine, layers }) => {
        const inputs = await loadBatch(batch, engine, kinds)
        return { inputs, maps: await batchMaps(engine, inputs, layers) }
      }),
    )
    return { start, paths: batch, inputs: perBackbone[0]!.inputs, maps: perBackbone.map(({ maps }) => maps) }
  }
  let next: Promise<FeatureBatch> | null = null
  for (let start = 0; start < paths.length; start += batchSize) {
    const current = await (next ?? prepare(start))
    signal?.throwIfAborted()
    next = start + batchSize < paths.length ? prepare(start + batchSize) : null
    // Awaited on the next turn; until then a failure must not count as unhandled (the caller may stop first).
    next?.catch(() => undefined)
    yield current
  }
}

/** Loads pictures (four decodes at a time), refusing one of the other colour kind than those seen so far. */
async function loadBatch(paths: readonly string[], engine: EmbeddingEngine, kinds: Map<ColourKind, string>): Promise<AnomalyInput[]> {
  const inputs: AnomalyInput[] = new Array(paths.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++
      inputs[index] = await loadAnomalyInput(paths[index]!, engine.manifest)
    }
  }
  await Promise.all(Array.from({ length: Math.min(4, paths.length) }, worker))
  inputs.forEach((input, index) => {
    const other = [...kinds].find(([kind]) => kind !== input.colour)
    if (other) {
      throw new AnomalyError(
        'mixed-channels',
        `${paths[index]} is a ${input.colour} picture, but ${other[1]} ${other[1] === 'the good images' ? 'are' : 'is'} ${other[0]}: one anomaly model learns grey or colour pictures, not both.`,
      )
    }
    if (!kinds.has(input.colour)) kinds.set(input.colour, paths[index]!)
  })
  return inputs
}

async function batchMaps(engine: EmbeddingEngine, inputs: readonly AnomalyInput[], layers: readonly [string, string]): Promise<FeatureMap[]> {
  const size = inputs[0]!.pixels.length
  const batch = new Float32Array(inputs.length * size)
  inputs.forEach((input, index) => batch.set(input.pixels, index * size))
  return (await engine.features(batch, inputs.length, layers)).maps
}
