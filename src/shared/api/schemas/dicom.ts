import { z } from 'zod'
import { ImageId } from './common'

export interface DicomTag {
  /** "(0010,0010)" */
  tag: string
  keyword: string | null
  name: string
  vr: string | null
  value: string
  /** A sequence's items, each a list of its elements (two levels deep at most). */
  items?: DicomTag[][]
}
export const DicomTag: z.ZodType<DicomTag> = z.object({
  tag: z.string(),
  keyword: z.string().nullable(),
  name: z.string(),
  vr: z.string().nullable(),
  value: z.string(),
  get items() {
    return z.array(z.array(DicomTag)).optional()
  },
})

export const DicomMetadata = z.object({
  imageId: ImageId,
  frame: z.number().int(),
  frames: z.number().int(),
  transferSyntax: z.object({ uid: z.string(), name: z.string() }),
  patient: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  study: z.object({ uid: z.string().nullable(), date: z.string().nullable(), description: z.string().nullable() }),
  series: z.object({
    uid: z.string().nullable(),
    number: z.number().int().nullable(),
    description: z.string().nullable(),
    modality: z.string().nullable(),
  }),
  instanceNumber: z.number().int().nullable(),
  /** The tags of the metadata panel, grouped, in order, values as people read them. */
  main: z.array(
    z.object({
      group: z.enum(['Patient', 'Study', 'Series', 'Image', 'Equipment']),
      keyword: z.string(),
      name: z.string(),
      value: z.string(),
    }),
  ),
  /** Every element of the file (meta information first); long values cut, binary ones as their size. */
  tags: z.array(DicomTag),
  warnings: z.array(z.string()),
})
export type DicomMetadata = z.infer<typeof DicomMetadata>

export const DicomWindow = z.object({ center: z.number().finite(), width: z.number().finite().positive() }).strict()
export type DicomWindow = z.infer<typeof DicomWindow>

export const DicomFrameInfo = z.object({
  imageId: ImageId,
  frame: z.number().int(),
  frames: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  photometric: z.string(),
  samplesPerPixel: z.number().int(),
  bitsAllocated: z.number().int(),
  bitsStored: z.number().int(),
  signed: z.boolean(),
  /** Window/level applies (monochrome); colour and palette images are shown as they are. */
  monochrome: z.boolean(),
  /** MONOCHROME1: low values are white, so a rendition inverts the windowed grey levels. */
  invert: z.boolean(),
  /** Stored value × slope + intercept gives the values in `units` (HU for CT); null when the file has no rescale. */
  rescale: z.object({ slope: z.number(), intercept: z.number(), units: z.string().nullable() }).nullable(),
  /** The file's own windows, in rescaled units. */
  windows: z.array(z.object({ center: z.number(), width: z.number(), explanation: z.string().nullable() })),
  /** What the image opens with: the file's first window, or one spanning the frame's values. */
  defaultWindow: z.object({ center: z.number(), width: z.number(), source: z.enum(['file', 'data']) }),
  voiFunction: z.enum(['LINEAR', 'LINEAR_EXACT', 'SIGMOID']),
  /** Smallest and largest rescaled value in this frame (monochrome only). */
  valueRange: z.object({ min: z.number(), max: z.number() }).nullable(),
  /** Window presets that fit the image (CT presets in HU for CT images). */
  presets: z.array(z.object({ id: z.string(), name: z.string(), center: z.number(), width: z.number() })),
  /**
   * Where the viewer gets the values to window itself: media path `/raw/<imageId>` serves `width × height` float32
   * little-endian values (rescaled, row by row). Null for colour images.
   */
  raw: z.object({ path: z.string(), dtype: z.literal('float32le'), width: z.number().int(), height: z.number().int() }).nullable(),
})
export type DicomFrameInfo = z.infer<typeof DicomFrameInfo>

export const DicomSeriesImage = z.object({
  imageId: ImageId,
  frame: z.number().int(),
  instanceNumber: z.number().int().nullable(),
  fileName: z.string(),
})
export const DicomSeries = z.object({
  seriesUid: z.string().nullable(),
  seriesNumber: z.number().int().nullable(),
  seriesDescription: z.string().nullable(),
  modality: z.string().nullable(),
  images: z.array(DicomSeriesImage),
})
export const DicomStudy = z.object({
  studyUid: z.string().nullable(),
  studyDate: z.string().nullable(),
  studyDescription: z.string().nullable(),
  series: z.array(DicomSeries),
})
export const DicomPatient = z.object({
  patientId: z.string().nullable(),
  patientName: z.string().nullable(),
  studies: z.array(DicomStudy),
})
export type DicomPatient = z.infer<typeof DicomPatient>

export const DicomSeriesRequest = z
  .object({ imageIds: z.array(ImageId).max(100_000).optional() })
  .strict()

export const DicomExportRequest = z
  .object({
    imageIds: z.array(ImageId).min(1).max(100_000),
    /** A folder; created when missing. Existing files are never overwritten. */
    out: z.string().min(1),
    /**
     * png: each image (frame) rendered to 8 bits; dcm: each file as a DICOM file (a multi-frame file once, whichever
     * of its frames were chosen).
     */
    format: z.enum(['png', 'dcm']),
    /**
     * PS3.15 Basic Profile: names, IDs, dates and other identifying attributes removed or emptied, UIDs replaced;
     * pixel data unchanged. PNGs then carry no metadata and come with a de-identified JSON sidecar of the tags.
     */
    deidentify: z.boolean().default(true),
    /** Put into Patient Name and Patient ID instead of emptying them (de-identified DICOM and sidecars). */
    pseudonym: z.string().trim().min(1).max(64).optional(),
    /** PNG only: the window to render with instead of each image's default. */
    window: DicomWindow.optional(),
  })
  .strict()
export type DicomExportRequest = z.input<typeof DicomExportRequest>

export const DicomExportResult = z.object({
  dir: z.string(),
  written: z.array(z.object({ imageIds: z.array(ImageId), file: z.string(), sidecar: z.string().nullable() })),
  failed: z.array(z.object({ imageId: ImageId, reason: z.string() })),
  warnings: z.array(z.string()),
})
export type DicomExportResult = z.infer<typeof DicomExportResult>
