import { z } from 'zod'

/**
 * A backbone's manifest: everything Loupe needs to verify, load and feed a model (TensorFlow.js or ONNX), stored as
 * `manifest.json` beside the model file in the model's folder of the store. Plain data, shared by the main side (store,
 * preprocessing) and the inference worker.
 */

/** A file inside a model folder: plain relative path, no `..`, no absolute path, no backslashes. */
export const RelativeFile = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/, 'must be a plain relative file path inside the model folder')

const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 (64 characters)')

/** Per-channel (R, G, B) or one value for all three. */
const ChannelValue = z.union([z.number().finite(), z.tuple([z.number().finite(), z.number().finite(), z.number().finite()])])

const WeightFile = z.object({ path: RelativeFile, sha256: Sha256, bytes: z.number().int().nonnegative().optional() })

const manifestFields = {
  manifestVersion: z.literal(1),
  /** Also the model's folder name in the store. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 characters of a-z, 0-9, ".", "_", "-", starting with a letter or digit'),
  name: z.string().min(1).max(200),
  /**
   * 'layers': tf.loadLayersModel (Keras-style); 'graph': tf.loadGraphModel (converted SavedModel / frozen graph);
   * 'onnx': an ONNX file (modelFile, also listed in weights), run by onnxruntime only.
   */
  format: z.enum(['layers', 'graph', 'onnx']),
  modelFile: RelativeFile.default('model.json'),
  input: z.object({
    width: z.number().int().positive().max(4096),
    height: z.number().int().positive().max(4096),
    channels: z.literal(3),
    /** ONNX only (required there): the graph input that takes the image. */
    name: z.string().min(1).optional(),
    /**
     * ONNX only (required there): the image input's axis order, batch × height × width × channels or batch × channels
     * × height × width. A 4-d embedding output that is pooled is read in the same order.
     */
    layout: z.enum(['nhwc', 'nchw']).optional(),
  }),
  /** The model's input is `pixel * scale + offset` with pixel the 0-255 RGB value (e.g. scale 1/127.5, offset -1 → [-1, 1]). */
  normalisation: z.object({ scale: ChannelValue, offset: ChannelValue }),
  embedding: z.object({
    /**
     * Where the embedding is read. null: the model's (first) output. Otherwise a layer name (layers format; it may sit
     * inside a nested model whose input is the image) or an output name (graph and onnx formats).
     */
    output: z.string().min(1).nullable(),
    /** 'avg': global average pooling over height and width of a 4-d feature map; 'none': the output, flattened. */
    pooling: z.enum(['none', 'avg']),
  }),
  /** Length of the embedding vector. */
  dimension: z.number().int().positive().max(65536),
  /**
   * Layers (layers format, named as embedding.output) whose outputs are the backbone's feature maps at stride 8, 16 and 32,
   * for work on spatial maps (anomaly detection, a box detector head). Optional: a stride not named here is found from
   * the model's layers (see feature-maps.ts).
   */
  features: z
    .object({ stride8: z.string().min(1).optional(), stride16: z.string().min(1).optional(), stride32: z.string().min(1).optional() })
    .optional(),
  /**
   * Every weight file that model.json refers to, with its SHA-256 (and optionally its size, for download progress).
   * An ONNX model lists its one file, the model file itself (external-data files are not supported).
   */
  weights: z.array(WeightFile).min(1),
  /**
   * Where a connected machine can fetch model.json (weight files are fetched relative to it); for an ONNX model, the
   * .onnx file. null: not downloadable.
   */
  sourceUrl: z.url({ protocol: /^https?$/ }).nullable(),
  licence: z.string().optional(),
}

/** The fields the format rules read, in a manifest or a draft. */
interface FormatFacts {
  format: string
  modelFile?: string | undefined
  input: { name?: string | undefined; layout?: string | undefined }
  weights?: ReadonlyArray<{ path: string }> | undefined
}

/** What depends on the format: the ONNX-only input fields, and an ONNX model's file being its one hashed file. */
function checkFormatFields(manifest: FormatFacts, context: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, message: string): void => context.addIssue({ code: 'custom', path, message })
  if (manifest.format !== 'onnx') {
    if (manifest.input.name !== undefined) issue(['input', 'name'], 'is for ONNX models only')
    if (manifest.input.layout !== undefined) issue(['input', 'layout'], 'is for ONNX models only (TensorFlow.js models take NHWC)')
    return
  }
  // An ONNX file does not say which of its inputs is the image or in which axis order, so the manifest must.
  if (manifest.input.name === undefined) issue(['input', 'name'], 'is required for an ONNX model: the graph input that takes the image')
  if (manifest.input.layout === undefined) issue(['input', 'layout'], 'is required for an ONNX model: "nhwc" or "nchw"')
  if (manifest.modelFile === undefined || manifest.weights === undefined) return
  const [only, ...more] = manifest.weights
  if (only?.path !== manifest.modelFile || more.length > 0) {
    issue(['weights'], `an ONNX model lists exactly its model file (${manifest.modelFile}) with its SHA-256`)
  }
}

export const ModelManifest = z.object(manifestFields).superRefine(checkFormatFields)
export type ModelManifest = z.infer<typeof ModelManifest>
/** What a manifest.json may omit (defaults filled in on parse). */
export type ModelManifestInput = z.input<typeof ModelManifest>

/**
 * A manifest for a model file that is not in a folder of its own yet (e.g. a sidecar beside an .onnx file): the file's
 * name in the folder and its SHA-256 are filled in when the folder is built. A draft that gives them is held to them.
 */
export const ModelManifestDraft = z
  .object({ ...manifestFields, modelFile: RelativeFile.optional(), weights: z.array(WeightFile).min(1).optional() })
  .superRefine(checkFormatFields)
export type ModelManifestDraft = z.infer<typeof ModelManifestDraft>

export type Normalisation = ModelManifest['normalisation']
/** What preprocessing needs to know about a model. */
export type ModelInputSpec = Pick<ModelManifest, 'input' | 'normalisation'>

export const DEFAULT_MODEL_ID = 'mobilenet-v2-0.35-224'

/**
 * The backbone Loupe recognises by its weights when a folder comes without manifest.json: MobileNetV2, width 0.35,
 * 224×224, ImageNet weights (the Keras applications weights), as a layers model whose output is the 1280-d
 * global-average-pooled trunk features. The source URL is where these weights are published (Teachable Machine), packed
 * there in several shards and without the pooling layer, which is why Loupe does not download it (see known-models.ts).
 */
export const DEFAULT_MODEL_MANIFEST: ModelManifest = deepFreeze({
  manifestVersion: 1,
  id: DEFAULT_MODEL_ID,
  name: 'MobileNetV2 0.35 (224 px, ImageNet)',
  format: 'layers',
  modelFile: 'model.json',
  input: { width: 224, height: 224, channels: 3 },
  normalisation: { scale: 1 / 127.5, offset: -1 },
  embedding: { output: null, pooling: 'none' },
  dimension: 1280,
  weights: [
    {
      path: 'weights.bin',
      sha256: 'e159deb3afa15bc63a53edb3eb31d0d6de1a25f0d8d72d9b8372b5088a902a8a',
      bytes: 1_640_832,
    },
  ],
  sourceUrl:
    'https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/model.json',
  licence: 'Apache-2.0 (Keras applications ImageNet weights)',
} satisfies ModelManifest)

/** Models Loupe recognises by their weights' hashes when a folder comes without a manifest.json. */
export const BUILT_IN_MANIFESTS: readonly ModelManifest[] = Object.freeze([DEFAULT_MODEL_MANIFEST])

/** Per-channel [r, g, b] from a single value or a triple. */
export function channelTriple(value: number | readonly [number, number, number]): [number, number, number] {
  return typeof value === 'number' ? [value, value, value] : [value[0], value[1], value[2]]
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
