import { z } from 'zod'
import { Measurement, MeasurementKind } from './annotations'
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

const Vector3 = z.tuple([z.number(), z.number(), z.number()])

/** Millimetres between pixel centres: `row` between adjacent rows (vertical), `column` between adjacent columns. */
export const DicomPixelSpacing = z.object({
  row: z.number().positive(),
  column: z.number().positive(),
  /** PixelSpacing is in the patient; ImagerPixelSpacing at the detector (projection radiographs: magnified). */
  source: z.enum(['PixelSpacing', 'ImagerPixelSpacing']),
})
export type DicomPixelSpacing = z.infer<typeof DicomPixelSpacing>

/** Where a slice lies in the patient (all in mm), from the file's plane tags or its frame's functional groups. */
export const DicomSliceGeometry = z.object({
  /** ImagePositionPatient: the centre of the first pixel. */
  position: Vector3.nullable(),
  /** ImageOrientationPatient: the row direction then the column direction. */
  orientation: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]).nullable(),
  sliceLocation: z.number().nullable(),
  sliceThickness: z.number().nullable(),
})
export type DicomSliceGeometry = z.infer<typeof DicomSliceGeometry>

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
  modality: z.string().nullable(),
  /**
   * The unit the values are in, as people write it ("HU" on CT, the file's RescaleType or Units otherwise); null when
   * they are stored values without one (most MR), which the viewer labels as such.
   */
  units: z.string().nullable(),
  /** Null when the file gives neither tag: lengths are then in pixels, and say so. */
  pixelSpacing: DicomPixelSpacing.nullable(),
  geometry: DicomSliceGeometry,
  /** Time between frames from FrameTime, FrameTimeVector, CineRate or RecommendedDisplayFrameRate; null without one. */
  frameTimeMs: z.number().positive().nullable(),
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

export const DicomStackRequest = z.object({ imageId: ImageId }).strict()

export const DicomStackSlice = z.object({
  imageId: ImageId,
  frame: z.number().int(),
  instanceNumber: z.number().int().nullable(),
  /**
   * Where the slice lies along the series' normal, in mm (its position projected on the normal, or its SliceLocation);
   * null without geometry. Two series in one frame of reference are linked by it.
   */
  location: z.number().nullable(),
})
export type DicomStackSlice = z.infer<typeof DicomStackSlice>

/**
 * The series an image belongs to, as the reader scrolls it: every catalogue image (frame) of the series, in the
 * order slices are read, and what the corner overlays say about it.
 */
export const DicomStack = z.object({
  /** The image asked about, and where it is in `slices`. */
  imageId: ImageId,
  index: z.number().int().nonnegative(),
  seriesUid: z.string().nullable(),
  seriesNumber: z.number().int().nullable(),
  seriesDescription: z.string().nullable(),
  modality: z.string().nullable(),
  patient: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  study: z.object({ uid: z.string().nullable(), date: z.string().nullable(), description: z.string().nullable() }),
  /** Positions compare between two series only within one frame of reference. */
  frameOfReferenceUid: z.string().nullable(),
  /**
   * position: along the normal of ImageOrientationPatient (slices with the same orientation); instance:
   * InstanceNumber, then frame; file: the files' and frames' own order.
   */
  order: z.enum(['position', 'instance', 'file']),
  /** The slices' normal (a unit vector), when they share one orientation. */
  normal: Vector3.nullable(),
  /** Cine's default rate, from the file's frame time; null when the file gives none. */
  framesPerSecond: z.number().positive().nullable(),
  slices: z.array(DicomStackSlice).min(1),
})
export type DicomStack = z.infer<typeof DicomStack>

/** What a measurement comes to on its image: in mm where the image has a pixel spacing, in pixels otherwise. */
export const MeasurementValues = z.object({
  kind: MeasurementKind,
  /** length: its length; rectangle and ellipse: their two sides (width then height). */
  lengths: z.array(z.number()),
  area: z.number().nullable(),
  /** 'mm' or 'px'; areas are in its square. */
  lengthUnit: z.enum(['mm', 'px']),
  angleDegrees: z.number().nullable(),
  /** rectangle and ellipse on a monochrome image: the values of the pixels whose centres lie inside. */
  stats: z
    .object({ mean: z.number(), sd: z.number(), min: z.number(), max: z.number(), pixels: z.number().int() })
    .nullable(),
  /** The unit of `stats` (DicomFrameInfo.units); null for stored values without one. */
  valueUnit: z.string().nullable(),
  /** Why a value is missing or how to read it ("No pixel spacing in this file: lengths are in pixels."). */
  note: z.string().nullable(),
})
export type MeasurementValues = z.infer<typeof MeasurementValues>

export const DicomMeasurementsRequest = z.object({ imageIds: z.array(ImageId).max(100_000).optional() }).strict()

/** Every measurement of the chosen images (all images when none are given), with its values. */
export const DicomMeasurementRow = z.object({
  imageId: ImageId,
  fileName: z.string(),
  frame: z.number().int(),
  seriesUid: z.string().nullable(),
  instanceNumber: z.number().int().nullable(),
  measurement: Measurement,
  values: MeasurementValues,
})
export type DicomMeasurementRow = z.infer<typeof DicomMeasurementRow>

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
    /** PNG only: the viewer's invert on top of the file's own (MONOCHROME1). */
    invert: z.boolean().default(false),
    /** PNG only: the images' measurements drawn into the pictures, with their values. */
    burnInMeasurements: z.boolean().default(false),
  })
  .strict()
export type DicomExportRequest = z.input<typeof DicomExportRequest>

export const DicomExportResult = z.object({
  dir: z.string(),
  written: z.array(z.object({ imageIds: z.array(ImageId), file: z.string(), sidecar: z.string().nullable() })),
  failed: z.array(z.object({ imageId: ImageId, reason: z.string() })),
  /** measurements.csv, when any chosen image has measurements (one row each, with its values). */
  measurementsFile: z.string().nullable(),
  warnings: z.array(z.string()),
})
export type DicomExportResult = z.infer<typeof DicomExportResult>
