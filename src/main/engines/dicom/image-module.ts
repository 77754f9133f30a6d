import type { DataSet, Element } from './dicom-parser'
import { key } from './dictionary'
import { DicomError } from './errors'
import type { DicomFile } from './parse'

/** PS3.3 C.7.6.3 Image Pixel module, as far as decoding needs it. */
export interface ImageModule {
  rows: number
  columns: number
  samplesPerPixel: 1 | 3
  photometric: Photometric
  bitsAllocated: number
  bitsStored: number
  highBit: number
  signed: boolean
  /** 0: colour-by-pixel (RGBRGB…), 1: colour-by-plane (RRR…GGG…BBB…). */
  planarConfiguration: 0 | 1
  frames: number
  /** Float Pixel Data (7FE0,0008) or Double Float Pixel Data (7FE0,0009) instead of integer Pixel Data. */
  float: 'OF' | 'OD' | null
  pixelData: Element
  palette: Palette | null
}

export const PHOTOMETRICS = [
  'MONOCHROME1',
  'MONOCHROME2',
  'PALETTE COLOR',
  'RGB',
  'YBR_FULL',
  'YBR_FULL_422',
  'YBR_ICT',
  'YBR_RCT',
  'YBR_PARTIAL_420',
] as const
export type Photometric = (typeof PHOTOMETRICS)[number]

export interface PaletteLut {
  /** Entry values scaled to 0..255. */
  data: Uint8Array
  firstMapped: number
}

export interface Palette {
  red: PaletteLut
  green: PaletteLut
  blue: PaletteLut
}

/** What turns a frame's stored values into meaningful ones and then into grey levels (per frame for enhanced objects). */
export interface FrameParameters {
  rescaleSlope: number
  rescaleIntercept: number
  /** Whether the file gives a rescale (or dose grid scaling) at all. */
  hasRescale: boolean
  /** Units of the rescaled values: 'HU' for CT, a dose unit for RT dose, the file's Rescale Type, or null. */
  units: string | null
  /** Window centre/width pairs from the file, in rescaled units, with their explanations. */
  windows: { center: number; width: number; explanation: string | null }[]
  voiFunction: 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID'
}

/** Why an object with no pixel data carries none, named by its kind. */
const NON_IMAGE_SOP_CLASSES: readonly [RegExp, string][] = [
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.88\./, 'a structured report'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.481\.5$/, 'an RT plan'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.481\.8$/, 'an RT ion plan'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.481\.3$/, 'an RT structure set'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.481\./, 'an RT object'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.9\./, 'a waveform'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.11\./, 'a presentation state'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.104\./, 'an encapsulated document'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.66/, 'a raw data or spatial registration object'],
  [/^1\.2\.840\.10008\.1\.3\.10$/, 'a media directory (DICOMDIR)'],
]

const NON_IMAGE_MODALITIES: Readonly<Record<string, string>> = {
  SR: 'a structured report',
  RTPLAN: 'an RT plan',
  RTSTRUCT: 'an RT structure set',
  RTRECORD: 'an RT treatment record',
  PR: 'a presentation state',
  KO: 'a key object selection',
  DOC: 'an encapsulated document',
  ECG: 'a waveform',
  HD: 'a waveform',
  AU: 'an audio waveform',
  REG: 'a registration',
  FID: 'a fiducials object',
  PLAN: 'a plan',
}

export function stringOf(dataset: DataSet, keyword: string): string | null {
  try {
    const value = dataset.string(key(keyword))
    return value === undefined ? null : value.replace(/\0/g, '').trim() || null
  } catch {
    return null
  }
}

export function numbersOf(dataset: DataSet, keyword: string): number[] {
  const text = stringOf(dataset, keyword)
  if (!text) return []
  return text.split('\\').map((part) => Number(part.trim())).filter((n) => Number.isFinite(n))
}

function uint16Of(dataset: DataSet, keyword: string): number | null {
  const element = dataset.elements[key(keyword)]
  if (!element || element.length < 2) return null
  const value = dataset.uint16(key(keyword))
  return value === undefined ? null : value
}

function integerStringOf(dataset: DataSet, keyword: string): number | null {
  const [value] = numbersOf(dataset, keyword)
  return value === undefined ? null : Math.trunc(value)
}

/** The reason an object has no pixel data, naming its kind where the SOP class or modality says. */
function noImageReason(dataset: DataSet): string {
  const sopClass = stringOf(dataset, 'SOPClassUID') ?? stringOf(dataset, 'MediaStorageSOPClassUID') ?? ''
  const kind =
    NON_IMAGE_SOP_CLASSES.find(([pattern]) => pattern.test(sopClass))?.[1] ??
    NON_IMAGE_MODALITIES[stringOf(dataset, 'Modality') ?? ''] ??
    null
  return kind ? `DICOM file carries no image (it is ${kind})` : 'DICOM file carries no image (no pixel data)'
}

/** Reads and checks the Image Pixel module; throws a DicomError naming what is missing or unsupported. */
export function readImageModule(file: DicomFile): ImageModule {
  const { dataset } = file
  const pixelData =
    dataset.elements[key('PixelData')] ?? dataset.elements[key('FloatPixelData')] ?? dataset.elements[key('DoubleFloatPixelData')]
  if (!pixelData) throw new DicomError(noImageReason(dataset))
  const float = pixelData.tag === key('FloatPixelData') ? 'OF' : pixelData.tag === key('DoubleFloatPixelData') ? 'OD' : null
  const rows = uint16Of(dataset, 'Rows')
  const columns = uint16Of(dataset, 'Columns')
  if (!rows || !columns) throw new DicomError('DICOM file carries no image (Rows or Columns missing)')
  const samples = uint16Of(dataset, 'SamplesPerPixel') ?? 1
  if (samples !== 1 && samples !== 3) throw new DicomError(`unsupported DICOM image (${samples} samples per pixel)`)
  const photometricText = (stringOf(dataset, 'PhotometricInterpretation') ?? (samples === 3 ? 'RGB' : 'MONOCHROME2')).toUpperCase()
  if (!(PHOTOMETRICS as readonly string[]).includes(photometricText)) {
    throw new DicomError(`unsupported DICOM photometric interpretation (${photometricText})`)
  }
  const photometric = photometricText as Photometric
  const expectedSamples = photometric.startsWith('MONOCHROME') || photometric === 'PALETTE COLOR' ? 1 : 3
  if (samples !== expectedSamples) {
    throw new DicomError(`corrupt DICOM image: ${photometric} with ${samples} samples per pixel`)
  }
  const bitsAllocated = uint16Of(dataset, 'BitsAllocated') ?? (float === 'OD' ? 64 : float ? 32 : 0)
  if (float ? bitsAllocated !== (float === 'OD' ? 64 : 32) : ![1, 8, 16, 32].includes(bitsAllocated)) {
    throw new DicomError(`unsupported DICOM image (${bitsAllocated || 'no'} bits allocated)`)
  }
  const bitsStored = uint16Of(dataset, 'BitsStored') ?? bitsAllocated
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw new DicomError(`corrupt DICOM image: ${bitsStored} bits stored in ${bitsAllocated} allocated`)
  }
  let highBit = uint16Of(dataset, 'HighBit') ?? bitsStored - 1
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated) highBit = bitsStored - 1
  const signed = (uint16Of(dataset, 'PixelRepresentation') ?? 0) === 1
  const planarConfiguration = samples === 3 && uint16Of(dataset, 'PlanarConfiguration') === 1 ? 1 : 0
  const frames = integerStringOf(dataset, 'NumberOfFrames') ?? 1
  if (frames < 1) throw new DicomError(`corrupt DICOM image: ${frames} frames`)
  if (rows * columns > 0x3fff * 0x3fff) {
    throw new DicomError(`image too large (${columns}×${rows} pixels, over the ${Math.floor((0x3fff * 0x3fff) / 1e6)} megapixel limit)`)
  }
  const palette = photometric === 'PALETTE COLOR' ? readPalette(dataset) : null
  return {
    rows,
    columns,
    samplesPerPixel: samples,
    photometric,
    bitsAllocated,
    bitsStored,
    highBit,
    signed,
    planarConfiguration,
    frames,
    float,
    pixelData,
    palette,
  }
}

function readPalette(dataset: DataSet): Palette {
  const read = (colour: 'Red' | 'Green' | 'Blue'): PaletteLut => {
    const descriptorKey = key(`${colour}PaletteColorLookupTableDescriptor`)
    const dataElement = dataset.elements[key(`${colour}PaletteColorLookupTableData`)]
    if (!dataElement) {
      const segmented = dataset.elements[key(`Segmented${colour}PaletteColorLookupTableData`)]
      throw new DicomError(
        segmented ? 'unsupported DICOM palette (segmented palette colour lookup tables)' : 'corrupt DICOM image: palette colour lookup table missing',
      )
    }
    const entriesValue = dataset.uint16(descriptorKey, 0)
    const firstMapped = dataset.uint16(descriptorKey, 1) ?? 0
    const bits = dataset.uint16(descriptorKey, 2) ?? 16
    if (entriesValue === undefined) throw new DicomError('corrupt DICOM image: palette descriptor missing')
    const entries = entriesValue === 0 ? 65536 : entriesValue
    const bytes = dataset.byteArray.subarray(dataElement.dataOffset, dataElement.dataOffset + dataElement.length)
    const data = new Uint8Array(entries)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const littleEndian = isLittleEndian(dataset)
    if (bits === 8 && bytes.length === entries) {
      // Some writers pack 8-bit entries one per byte.
      data.set(bytes.subarray(0, entries))
    } else if (bytes.length >= entries * 2) {
      // Usually 16-bit words; with 8-bit entries the value is in the low byte of each word.
      for (let i = 0; i < entries; i += 1) {
        const word = view.getUint16(i * 2, littleEndian)
        data[i] = bits === 8 ? (word > 255 ? word >> 8 : word) : word >> 8
      }
    } else {
      throw new DicomError('corrupt DICOM image: palette colour lookup table too short')
    }
    return { data, firstMapped }
  }
  return { red: read('Red'), green: read('Green'), blue: read('Blue') }
}

function isLittleEndian(dataset: DataSet): boolean {
  // dicom-parser's big endian parser reads 0x0100 from [1, 0] as 1.
  return dataset.byteArrayParser.readUint16(new Uint8Array([1, 0]), 0) === 1
}

/** The data set of a sequence's item (the first unless asked), or null when the file has no such item. */
export function firstItem(dataset: DataSet, keyword: string, index = 0): DataSet | null {
  const element = dataset.elements[key(keyword)]
  return element?.items?.[index]?.dataSet ?? null
}

/**
 * Rescale and VOI for one frame: per-frame functional groups first, then shared ones (enhanced multi-frame objects),
 * then the top-level attributes. Values outside reason (a zero slope, a non-positive width) are ignored.
 */
export function frameParameters(file: DicomFile, module: ImageModule, frame: number): FrameParameters {
  const { dataset } = file
  const perFrame = firstItem(dataset, 'PerFrameFunctionalGroupsSequence', frame)
  const shared = firstItem(dataset, 'SharedFunctionalGroupsSequence')
  const sources = [perFrame, shared].filter((s): s is DataSet => s !== null)
  const pick = (sequence: string): DataSet => {
    for (const source of sources) {
      const item = firstItem(source, sequence)
      if (item) return item
    }
    return dataset
  }
  const transform = pick('PixelValueTransformationSequence')
  const voi = pick('FrameVOILUTSequence')

  let [rescaleSlope] = numbersOf(transform, 'RescaleSlope')
  let [rescaleIntercept] = numbersOf(transform, 'RescaleIntercept')
  let units = stringOf(transform, 'RescaleType')
  const modality = stringOf(dataset, 'Modality')
  let hasRescale = rescaleSlope !== undefined || rescaleIntercept !== undefined
  const [doseScaling] = numbersOf(dataset, 'DoseGridScaling')
  if (!hasRescale && doseScaling !== undefined && doseScaling > 0) {
    rescaleSlope = doseScaling
    rescaleIntercept = 0
    hasRescale = true
    units ??= stringOf(dataset, 'DoseUnits')
  }
  if (rescaleSlope === undefined || rescaleSlope === 0) rescaleSlope = 1
  rescaleIntercept ??= 0
  if (hasRescale && !units && modality === 'CT') units = 'HU'
  if (module.photometric !== 'MONOCHROME1' && module.photometric !== 'MONOCHROME2') hasRescale = false

  const centers = numbersOf(voi, 'WindowCenter')
  const widths = numbersOf(voi, 'WindowWidth')
  const explanations = (stringOf(voi, 'WindowCenterWidthExplanation') ?? '').split('\\')
  const windows = centers
    .map((center, i) => ({ center, width: widths[i] ?? Number.NaN, explanation: explanations[i]?.trim() || null }))
    .filter((w) => Number.isFinite(w.width) && w.width > 0)
  const fn = stringOf(voi, 'VOILUTFunction')?.toUpperCase()
  const voiFunction = fn === 'LINEAR_EXACT' || fn === 'SIGMOID' ? fn : 'LINEAR'
  return { rescaleSlope, rescaleIntercept, hasRescale, units, windows, voiFunction }
}
