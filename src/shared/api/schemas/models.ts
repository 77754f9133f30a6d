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

/** A model to install: a TensorFlow.js model folder, an .onnx file or a .tflite file (converted on the way in). */
export const AddModelRequest = z.object({ path: z.string().min(1) }).strict()
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
