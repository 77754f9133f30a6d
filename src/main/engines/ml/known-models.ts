import { DEFAULT_MODEL_MANIFEST } from './manifest'
import type { ModelFileFacts } from './model-file-facts'
import { sha256File } from './model-files'

/**
 * The backbones Loupe knows how to get: where each is published, its SHA-256, and what it was measured to do on a
 * 2-core machine without a GPU (the figures a person choosing one needs: size, licence, quality, speed).
 */

/** A single published file, converted in-product after download (a .tflite becomes a TensorFlow.js layers model). */
export interface PublishedFile {
  kind: 'tflite'
  url: string
  /** The file name it is saved under while downloading and in messages. */
  fileName: string
  sha256: string
  bytes: number
  /** The tensor whose value is the embedding, when it is not the model's output (e.g. the pooled features before a classifier head). */
  embeddingTensor?: string
}

export interface KnownModel {
  id: string
  name: string
  /** null: Loupe cannot download it (yet); `howToGet` says what to do instead. */
  source: PublishedFile | null
  howToGet?: string
  licence: string
  dimension: number
  /** Bytes to download. */
  downloadBytes: number
  /**
   * Measured here: same-class precision@10 on CIFAR-10 test images (search quality), linear-probe accuracy on NEU-DET
   * steel defects (how well a classifier trained on its embeddings does), milliseconds per image at batch 1 with one
   * inference thread (what indexing leaves it on 2 cores; `npm run bench -- --only backends`).
   */
  measured: { cifar10PrecisionAt10: number; neuAccuracy: number; onnxruntimeMsPerImage: number | null; wasmMsPerImage: number | null }
}

const CORAL_TEST_DATA = 'https://raw.githubusercontent.com/google-coral/test_data/master/'

export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    id: 'mobilenet-v1-1.0-224',
    name: 'MobileNetV1 1.0 (224 px, ImageNet)',
    source: {
      kind: 'tflite',
      url: `${CORAL_TEST_DATA}mobilenet_v1_1.0_224_quant_embedding_extractor.tflite`,
      fileName: 'mobilenet_v1_1.0_224_quant_embedding_extractor.tflite',
      sha256: 'f409ef4f73fcbb9667841965623c5c8524aac33d41b9bf5f3667161fb4a76319',
      bytes: 3_251_736,
    },
    licence: 'Apache-2.0 (google-coral/test_data; TensorFlow-slim MobileNet weights)',
    dimension: 1024,
    downloadBytes: 3_251_736,
    measured: { cifar10PrecisionAt10: 0.457, neuAccuracy: 0.96, onnxruntimeMsPerImage: 12.6, wasmMsPerImage: 80 },
  },
  {
    id: 'mobilenet-v2-1.0-224',
    name: 'MobileNetV2 1.0 (224 px, ImageNet)',
    source: {
      kind: 'tflite',
      url: `${CORAL_TEST_DATA}mobilenet_v2_1.0_224_quant.tflite`,
      fileName: 'mobilenet_v2_1.0_224_quant.tflite',
      sha256: '7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776',
      bytes: 3_610_798,
      // A classifier: the embedding is the pooled 1280-d features in front of its 1001-way head.
      embeddingTensor: 'MobilenetV2/Logits/AvgPool',
    },
    licence: 'Apache-2.0 (google-coral/test_data; TensorFlow-slim MobileNet weights)',
    dimension: 1280,
    downloadBytes: 3_610_798,
    measured: { cifar10PrecisionAt10: 0.46, neuAccuracy: 0.938, onnxruntimeMsPerImage: 9.3, wasmMsPerImage: 70 },
  },
  {
    id: DEFAULT_MODEL_MANIFEST.id,
    name: DEFAULT_MODEL_MANIFEST.name,
    // Teachable Machine publishes these weights split into shards under its own model.json, so the published files
    // cannot be checked against the hash of the single weights.bin that Loupe verifies.
    source: null,
    howToGet: 'Add it from a folder holding its model.json and weights.bin (e.g. copied from another Loupe machine).',
    licence: DEFAULT_MODEL_MANIFEST.licence ?? 'Apache-2.0',
    dimension: DEFAULT_MODEL_MANIFEST.dimension,
    downloadBytes: DEFAULT_MODEL_MANIFEST.weights.reduce((sum, weight) => sum + (weight.bytes ?? 0), 0),
    measured: { cifar10PrecisionAt10: 0.355, neuAccuracy: 0.962, onnxruntimeMsPerImage: 4.9, wasmMsPerImage: 31 },
  },
]

export function knownModel(id: string): KnownModel | undefined {
  return KNOWN_MODELS.find((model) => model.id === id)
}

/** What to call a model file and where its embedding is, as a known model: by the file's SHA-256, so its name does not matter. */
export function factsOfKnownModel(known: KnownModel): ModelFileFacts {
  const tensor = known.source?.embeddingTensor
  return { id: known.id, name: known.name, licence: known.licence, ...(tensor ? { embeddingTensor: tensor } : {}) }
}

/** The known model a file is (same size and SHA-256 as a published file), if any. */
export async function identifyKnownFile(path: string, bytes: number): Promise<KnownModel | undefined> {
  const candidates = KNOWN_MODELS.filter((model) => model.source?.bytes === bytes)
  if (candidates.length === 0) return undefined
  const sha256 = await sha256File(path)
  return candidates.find((model) => model.source?.sha256 === sha256)
}

/**
 * The model a new user should get: the best search quality this machine runs fast. MobileNetV1 1.0 runs at a few
 * milliseconds per image on onnxruntime; on TensorFlow.js wasm it is ~55 ms, where the smaller MobileNetV2 0.35 is
 * the better trade.
 */
export function recommendedModelId(onnxruntimeUsable: boolean): string {
  return onnxruntimeUsable ? 'mobilenet-v1-1.0-224' : DEFAULT_MODEL_MANIFEST.id
}
