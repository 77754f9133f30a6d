import type { TextDecoder } from 'node:util'
import type { DataSet, Element } from './dicom-parser'
import { dictionaryVr, formatTag, isPrivate, key, tagInfo, tagName } from './dictionary'
import { numbersOf, stringOf } from './image-module'
import type { DicomFile } from './parse'
import { elementText, textDecoderFor } from './text'

/** Patient, study, series and instance identity: what the catalogue keeps to group images. */
export interface DicomIdentity {
  patientId: string | null
  patientName: string | null
  studyUid: string | null
  studyDate: string | null
  studyDescription: string | null
  seriesUid: string | null
  seriesNumber: number | null
  seriesDescription: string | null
  modality: string | null
  sopInstanceUid: string | null
  instanceNumber: number | null
  frames: number
  transferSyntax: string
}

export interface TagValue {
  /** "(0010,0010)" */
  tag: string
  keyword: string | null
  name: string
  vr: string | null
  value: string
  /** Sequence items, when asked for (each item a list of its elements). */
  items?: TagValue[][]
}

export interface MainTag {
  group: 'Patient' | 'Study' | 'Series' | 'Image' | 'Equipment'
  keyword: string
  name: string
  value: string
}

const STRING_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT'])
const MAX_VALUE_CHARS = 256
const MAX_NUMBERS = 16

/** Keywords shown in the metadata panel, by group, in order. */
export const MAIN_TAG_GROUPS: readonly [MainTag['group'], readonly string[]][] = [
  ['Patient', ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'PatientAge', 'PatientWeight']],
  ['Study', ['StudyDate', 'StudyTime', 'StudyDescription', 'AccessionNumber', 'StudyID', 'ReferringPhysicianName', 'StudyInstanceUID']],
  ['Series', ['Modality', 'SeriesNumber', 'SeriesDescription', 'BodyPartExamined', 'ProtocolName', 'SeriesInstanceUID']],
  [
    'Image',
    [
      'InstanceNumber', 'ImageType', 'AcquisitionDate', 'ContentDate', 'ContentTime', 'SliceThickness', 'SliceLocation',
      'PixelSpacing', 'ImagePositionPatient', 'ImageOrientationPatient', 'Rows', 'Columns', 'NumberOfFrames',
      'PhotometricInterpretation', 'BitsStored', 'PixelRepresentation', 'RescaleSlope', 'RescaleIntercept', 'RescaleType',
      'WindowCenter', 'WindowWidth', 'LossyImageCompression', 'BurnedInAnnotation', 'SOPClassUID', 'SOPInstanceUID',
    ],
  ],
  ['Equipment', ['Manufacturer', 'ManufacturerModelName', 'InstitutionName', 'StationName', 'SoftwareVersions', 'KVP', 'XRayTubeCurrent', 'ExposureTime']],
]

export function readIdentity(file: DicomFile): DicomIdentity {
  const { dataset } = file
  const text = (keyword: string) => {
    const element = dataset.elements[key(keyword)]
    return element && element.length > 0 ? elementText(dataset, element).trim() || null : null
  }
  const integer = (keyword: string) => {
    const [value] = numbersOf(dataset, keyword)
    return value === undefined ? null : Math.trunc(value)
  }
  return {
    patientId: text('PatientID'),
    patientName: text('PatientName'),
    studyUid: stringOf(dataset, 'StudyInstanceUID'),
    studyDate: stringOf(dataset, 'StudyDate'),
    studyDescription: text('StudyDescription'),
    seriesUid: stringOf(dataset, 'SeriesInstanceUID'),
    seriesNumber: integer('SeriesNumber'),
    seriesDescription: text('SeriesDescription'),
    modality: stringOf(dataset, 'Modality'),
    sopInstanceUid: stringOf(dataset, 'SOPInstanceUID') ?? stringOf(dataset, 'MediaStorageSOPInstanceUID'),
    instanceNumber: integer('InstanceNumber'),
    frames: Math.max(1, integer('NumberOfFrames') ?? 1),
    transferSyntax: file.syntax.name,
  }
}

/** The panel's tags that the file has, with values as people read them. */
export function mainTags(file: DicomFile): MainTag[] {
  const out: MainTag[] = []
  for (const [group, keywords] of MAIN_TAG_GROUPS) {
    for (const keyword of keywords) {
      const element = file.dataset.elements[key(keyword)]
      if (!element) continue
      const value = formatValue(file.dataset, element, keyword === 'PatientName' ? 'PN' : undefined)
      if (value !== '') out.push({ group, keyword, name: tagName(key(keyword).slice(1)), value })
    }
  }
  return out
}

/** Every element of the data set (meta information first), values formatted; sequences to `depth` levels. */
export function listTags(file: DicomFile, depth = 2): TagValue[] {
  const meta = file.meta ? elementsOf(file.meta, depth) : []
  return [...meta, ...elementsOf(file.dataset, depth).filter((t) => !t.tag.startsWith('(0002,'))]
}

function elementsOf(dataset: DataSet, depth: number, decoder?: TextDecoder): TagValue[] {
  const text = textDecoderFor(dataset, decoder)
  return Object.keys(dataset.elements)
    .sort()
    .map((elementKey) => {
      const element = dataset.elements[elementKey]!
      const tag = elementKey.slice(1).toUpperCase()
      const info = tagInfo(tag)
      const vr = element.vr ?? info?.vr ?? (element.items ? 'SQ' : null)
      const value: TagValue = {
        tag: formatTag(tag),
        keyword: info?.keyword ?? null,
        name: tagName(tag),
        vr,
        value: formatValue(dataset, element, vr ?? undefined, text),
      }
      if (element.items && depth > 0) {
        value.items = element.items.map((item) => (item.dataSet ? elementsOf(item.dataSet, depth - 1, text) : []))
      }
      return value
    })
}

/** An element's value as people read it; damaged values show as their size rather than failing the whole list. */
export function formatValue(dataset: DataSet, element: Element, vrHint?: string, decoder?: TextDecoder): string {
  try {
    return formatValueUnchecked(dataset, element, vrHint, decoder)
  } catch {
    return `${element.length} bytes`
  }
}

function formatValueUnchecked(dataset: DataSet, element: Element, vrHint?: string, decoder?: TextDecoder): string {
  const tag = element.tag.slice(1).toUpperCase()
  const vr = vrHint ?? element.vr ?? dictionaryVr(tag) ?? (element.items ? 'SQ' : undefined)
  if (element.items || vr === 'SQ') return `${element.items?.length ?? 0} item${element.items?.length === 1 ? '' : 's'}`
  if (tag === '7FE00010' || tag === '7FE00008' || tag === '7FE00009') return `${element.length} bytes`
  if (element.length === 0) return ''
  const readNumbers = (read: (tag: string, index: number) => number | undefined, size: number) => {
    const count = Math.min(Math.floor(element.length / size), MAX_NUMBERS)
    const values: string[] = []
    for (let i = 0; i < count; i += 1) values.push(String(read.call(dataset, element.tag, i)))
    return values.join('\\') + (element.length / size > MAX_NUMBERS ? '\\…' : '')
  }
  switch (vr) {
    case 'US':
      return readNumbers(dataset.uint16, 2)
    case 'SS':
      return readNumbers(dataset.int16, 2)
    case 'UL':
      return readNumbers(dataset.uint32, 4)
    case 'SL':
      return readNumbers(dataset.int32, 4)
    case 'FL':
      return readNumbers(dataset.float, 4)
    case 'FD':
      return readNumbers(dataset.double, 8)
    case 'AT':
      return formatTag(dataset.attributeTag(element.tag) ?? '00000000')
    default:
      break
  }
  if (vr && STRING_VRS.has(vr)) return clip(elementText(dataset, element, decoder))
  if (vr === undefined && isPrivate(tag) === false && element.length <= MAX_VALUE_CHARS) {
    const value = elementText(dataset, element, decoder)
    if (/^[\x20-\x7e\u00a0-\uffff\\]*$/.test(value)) return clip(value)
  }
  return `${element.length} bytes`
}

function clip(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text
}
