import { z } from 'zod'

export const ModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  dimension: z.number().int(),
  problem: z.string().nullable(),
  /** Whether indexing and search embed with this model (one at a time; choosing another re-indexes with it). */
  active: z.boolean(),
})
export type ModelInfo = z.infer<typeof ModelInfo>

/** A value for each of R, G and B, or one for all three. */
const ChannelValue = z.union([z.number().finite(), z.tuple([z.number().finite(), z.number().finite(), z.number().finite()])])
const isZero = (value: z.infer<typeof ChannelValue>) => (typeof value === 'number' ? value === 0 : value.includes(0))

/** The model is fed `pixel * scale + offset`, pixel being the 0-255 RGB value (scale 1/127.5, offset -1 gives [-1, 1]). */
export const Normalisation = z.object({
  scale: ChannelValue.refine((value) => !isZero(value), 'must not be 0: every image would look the same to the model'),
  offset: ChannelValue,
})
export type Normalisation = z.infer<typeof Normalisation>

const ImageSide = z.number().int('must be a whole number of pixels').min(1, 'must be at least 1 pixel').max(4096, 'must be at most 4096 pixels')

/**
 * What an .onnx file leaves to whoever adds it, settled: the image size it takes, its axis order (batch × height ×
 * width × channels, or batch × channels × height × width), how pixels are scaled, which output is the embedding and
 * whether that output is averaged over its positions (a 4-d feature map) or taken as it is.
 */
export const OnnxSettings = z
  .object({
    /** The model's id in the store (default: from the file name); a model of the same id is replaced. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 characters of a-z, 0-9, ".", "_", "-", starting with a letter or digit')
      .optional(),
    name: z.string().trim().min(1).max(200).optional(),
    width: ImageSide,
    height: ImageSide,
    layout: z.enum(['nhwc', 'nchw']),
    normalisation: Normalisation,
    output: z.string().min(1),
    pooling: z.enum(['none', 'avg']),
  })
  .strict()
export type OnnxSettings = z.infer<typeof OnnxSettings>

/**
 * A model to install: a TensorFlow.js model folder, an .onnx file or a .tflite file (converted on the way in). For an
 * .onnx file, `onnx` gives the settings confirmed by whoever adds it; without it, the file's sidecar manifest or what
 * inspecting the file proposes is used.
 */
export const AddModelRequest = z.object({ path: z.string().min(1), onnx: OnnxSettings.optional() }).strict()
export const InspectModelRequest = z.object({ path: z.string().min(1) }).strict()

/** A graph input or output: sizes, or names for the sizes it leaves open (e.g. "batch"); null when it gives no shape. */
export const ModelTensor = z.object({ name: z.string(), shape: z.array(z.union([z.number(), z.string()])).nullable() })
export type ModelTensor = z.infer<typeof ModelTensor>

/** A proposal for an .onnx file: the settings Loupe would use, and the embedding's length they give. */
export const OnnxProposal = OnnxSettings.extend({ id: z.string(), name: z.string(), dimension: z.number().int() })
export type OnnxProposal = z.infer<typeof OnnxProposal>

/**
 * What a model file or folder says about itself before it is added. Only an .onnx file without a sidecar manifest
 * has a proposal, with the fields the file does not settle listed in `guesses` (by their name in the proposal); a
 * folder or a .tflite file carries its own description, so there is nothing to ask.
 */
export const ModelInspection = z.object({
  kind: z.enum(['folder', 'onnx', 'tflite']),
  proposal: OnnxProposal.nullable(),
  /** The manifest beside the file that describes it (then there is no proposal). */
  sidecar: z.string().nullable(),
  input: ModelTensor.nullable(),
  outputs: z.array(ModelTensor),
  guesses: z.array(z.object({ field: z.string(), why: z.string() })),
})
export type ModelInspection = z.infer<typeof ModelInspection>
export const ModelIdRequest = z.object({ id: z.string().min(1) }).strict()

/** A model Loupe knows how to get, with what a person choosing one needs to know. */
export const KnownModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  dimension: z.number().int(),
  licence: z.string(),
  downloadBytes: z.number().int(),
  /** Same-class precision@10 on CIFAR-10 (search quality) and linear-probe accuracy on NEU-DET, measured by us. */
  cifar10PrecisionAt10: z.number(),
  neuAccuracy: z.number(),
  /** Milliseconds per image on this kind of machine (2 cores, no GPU), on onnxruntime and on TensorFlow.js wasm. */
  onnxruntimeMsPerImage: z.number().nullable(),
  wasmMsPerImage: z.number().nullable(),
  installed: z.boolean(),
  /** The one to get on this machine: the best quality it runs fast. */
  recommended: z.boolean(),
  /** Whether `models.download` can fetch it; otherwise `howToGet` says what to do. */
  downloadable: z.boolean(),
  howToGet: z.string().nullable(),
})
export type KnownModelInfo = z.infer<typeof KnownModelInfo>

/** What a finished model download installed. */
export const ModelDownloadResult = z.object({ modelId: z.string(), bytes: z.number().int(), activated: z.boolean() })
export type ModelDownloadResult = z.infer<typeof ModelDownloadResult>
