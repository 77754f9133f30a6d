import { createHmac, randomBytes } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import type { DataSet, Element } from './dicom-parser'
import { dictionaryVr, isPrivate, tagInfo } from './dictionary'
import { DicomError } from './errors'
import { readEncapsulated } from './fragments'
import { stringOf } from './image-module'
import type { DicomFile } from './parse'
import { textDecoderFor } from './text'
import { encodeDataSet, part10File, textValue, type Encoding, type WriteElement } from './write'

/**
 * De-identification after the Basic Application Level Confidentiality Profile of PS3.15 Annex E (Table E.1-1),
 * without its options: identifying attributes are removed (X), emptied (Z) or, for UIDs, replaced (U) by new ones
 * that stay consistent across one export. Beyond the table, every person name, date, time and date-time anywhere in
 * the data set (sequences included) is emptied, every private element removed, and every UID outside the DICOM root
 * replaced. Pixel data is copied byte for byte. Burned-in text in the pixels is not touched: files that say they have
 * some are flagged.
 */

export type Action = 'X' | 'Z' | 'U'

/** Table E.1-1, Basic Profile column; X/Z-style choices resolved to the one that keeps the data set valid. */
const PROFILE: Readonly<Record<string, Action>> = Object.fromEntries(
  (
    [
      // Identification, general study and series
      ['00080014', 'U'], ['00080018', 'U'], ['00080050', 'Z'], ['00080080', 'X'], ['00080081', 'X'], ['00080082', 'X'],
      ['00080090', 'Z'], ['00080092', 'X'], ['00080094', 'X'], ['00080096', 'X'], ['0008009C', 'X'], ['0008009D', 'X'],
      ['00080201', 'X'], ['00081010', 'X'], ['00081030', 'X'], ['0008103E', 'X'], ['00081040', 'X'], ['00081041', 'X'],
      ['00081048', 'X'], ['00081049', 'X'], ['00081050', 'X'], ['00081052', 'X'], ['00081060', 'X'], ['00081062', 'X'],
      ['00081070', 'X'], ['00081072', 'X'], ['00081080', 'X'], ['00081084', 'X'], ['00081110', 'X'], ['00081111', 'X'],
      ['00081120', 'X'], ['00082111', 'X'], ['00084000', 'X'], ['00080015', 'X'], ['00083010', 'U'], ['00089123', 'U'],
      // Patient
      ['00100010', 'Z'], ['00100020', 'Z'], ['00100021', 'X'], ['00100022', 'X'], ['00100024', 'X'], ['00100026', 'X'],
      ['00100027', 'X'], ['00100028', 'X'], ['00100030', 'Z'], ['00100032', 'X'], ['00100033', 'X'], ['00100034', 'X'],
      ['00100035', 'X'], ['00100040', 'Z'], ['00100050', 'X'], ['00100101', 'X'], ['00100102', 'X'], ['00101000', 'X'],
      ['00101001', 'X'], ['00101002', 'X'], ['00101005', 'X'], ['00101010', 'X'], ['00101020', 'X'], ['00101021', 'X'],
      ['00101030', 'X'], ['00101040', 'X'], ['00101050', 'X'], ['00101060', 'X'], ['00101080', 'X'], ['00101081', 'X'],
      ['00101090', 'X'], ['00101100', 'X'], ['00102000', 'X'], ['00102110', 'X'], ['00102150', 'X'], ['00102152', 'X'],
      ['00102154', 'X'], ['00102155', 'X'], ['00102160', 'X'], ['00102180', 'X'], ['001021A0', 'X'], ['001021B0', 'X'],
      ['001021C0', 'X'], ['001021D0', 'X'], ['001021F0', 'X'], ['00102203', 'X'], ['00102297', 'X'], ['00102299', 'X'],
      ['00104000', 'X'],
      // Clinical trial identifiers that name sites and people
      ['00120030', 'X'], ['00120031', 'X'], ['00120040', 'X'], ['00120042', 'X'], ['00120050', 'X'], ['00120051', 'X'],
      // Equipment and acquisition
      ['00181000', 'X'], ['00181002', 'U'], ['00181004', 'X'], ['00181005', 'X'], ['00181007', 'X'], ['00181008', 'X'],
      ['00181030', 'X'], ['00181400', 'X'], ['00184000', 'X'], ['0018700A', 'X'], ['00189424', 'X'], ['0018A003', 'X'],
      ['0018100B', 'U'], ['00189185', 'X'], ['00189373', 'X'], ['00189367', 'X'],
      // Study, series, frame of reference
      ['0020000D', 'U'], ['0020000E', 'U'], ['00200010', 'Z'], ['00200052', 'U'], ['00200200', 'U'], ['00203401', 'X'],
      ['00203404', 'X'], ['00203406', 'X'], ['00204000', 'X'], ['00209158', 'X'], ['00209161', 'U'], ['00209164', 'U'],
      ['00281199', 'U'], ['00281214', 'U'], ['00284000', 'X'],
      // Requesting and scheduling
      ['00320012', 'X'], ['00321020', 'X'], ['00321021', 'X'], ['00321030', 'X'], ['00321032', 'X'], ['00321033', 'X'],
      ['00321060', 'X'], ['00321070', 'X'], ['00324000', 'X'],
      // Visit
      ['00380004', 'X'], ['00380010', 'X'], ['00380011', 'X'], ['00380014', 'X'], ['0038001E', 'X'], ['00380040', 'X'],
      ['00380050', 'X'], ['00380060', 'X'], ['00380061', 'X'], ['00380062', 'X'], ['00380300', 'X'], ['00380400', 'X'],
      ['00380500', 'X'], ['00384000', 'X'],
      // Procedure steps, requests, results
      ['00400001', 'X'], ['00400006', 'X'], ['00400007', 'X'], ['0040000B', 'X'], ['00400010', 'X'], ['00400011', 'X'],
      ['00400241', 'X'], ['00400242', 'X'], ['00400243', 'X'], ['00400253', 'X'], ['00400254', 'X'], ['00400275', 'X'],
      ['00400280', 'X'], ['00400555', 'X'], ['00401001', 'X'], ['00401004', 'X'], ['00401005', 'X'], ['00401010', 'X'],
      ['00401011', 'X'], ['00401101', 'X'], ['00401102', 'X'], ['00401103', 'X'], ['00401104', 'X'], ['00401400', 'X'],
      ['00402001', 'X'], ['00402008', 'X'], ['00402009', 'X'], ['00402010', 'X'], ['00402011', 'X'], ['00402016', 'X'],
      ['00402017', 'X'], ['00402400', 'X'], ['00403001', 'X'], ['00404035', 'X'], ['0040A027', 'X'], ['0040A073', 'X'],
      ['0040A075', 'X'], ['0040A078', 'X'], ['0040A07A', 'X'], ['0040A07C', 'X'], ['0040A088', 'X'], ['0040A123', 'X'],
      ['0040A124', 'U'], ['0040A171', 'U'], ['0040A172', 'U'], ['0040A402', 'U'], ['0040A730', 'X'], ['0040DB0C', 'U'],
      ['0040DB0D', 'U'],
      // Content creator, media, teaching file, signatures, modified attributes
      ['00700084', 'Z'], ['00700086', 'X'], ['00880140', 'U'], ['00880200', 'X'], ['00880904', 'X'], ['00880906', 'X'],
      ['00880910', 'X'], ['00880912', 'X'], ['04000100', 'X'], ['04000402', 'X'], ['04000403', 'X'], ['04000404', 'X'],
      ['04000550', 'X'], ['04000561', 'X'], ['20300020', 'X'], ['30060024', 'U'], ['300A0013', 'U'], ['30080105', 'X'],
      ['300E0008', 'X'], ['40000010', 'X'], ['40004000', 'X'], ['FFFAFFFA', 'X'], ['FFFCFFFC', 'X'],
    ] as const
  ).map(([tag, action]) => [tag, action]),
)

/** UIDs that name standard things (classes, syntaxes, coding schemes) rather than instances. */
const KEPT_UID_TAGS = new Set(['00080016', '00081150', '0008010C', '00080117', '00020002', '00020010', '00041510', '00080062'])

const TEMPORAL_VRS = new Set(['DA', 'DT', 'TM'])

/**
 * Dates and times (and person names) outside this module's dictionary, so that they are found even where a writer
 * labelled everything UN: secondary capture, calibration, scheduling, admission, procedure step, observation,
 * presentation, signature, RT and treatment dates and times.
 */
const KNOWN_VRS: Readonly<Record<string, string>> = {
  '00080015': 'DT', '00080024': 'DA', '00080025': 'DA', '00080034': 'TM', '00080035': 'TM', '00081060': 'PN',
  '00181012': 'DA', '00181014': 'TM', '00181200': 'DA', '00181201': 'TM', '00189074': 'DT', '00189151': 'DT',
  '00189516': 'DT', '00189517': 'DT', '00189623': 'DT', '00203403': 'DA', '00203405': 'TM', '00320032': 'DA',
  '00320033': 'TM', '00320034': 'DA', '00320035': 'TM', '00321000': 'DA', '00321001': 'TM', '00321010': 'DA',
  '00321011': 'TM', '00321040': 'DA', '00321041': 'TM', '00321050': 'DA', '00321051': 'TM', '00380020': 'DA',
  '00380021': 'TM', '00380030': 'DA', '00380031': 'TM', '00380032': 'DA', '00380033': 'TM', '0038001A': 'DA',
  '0038001B': 'TM', '0038001C': 'DA', '0038001D': 'TM', '00400002': 'DA', '00400003': 'TM', '00400004': 'DA',
  '00400005': 'TM', '00400244': 'DA', '00400245': 'TM', '00400250': 'DA', '00400251': 'TM', '00402004': 'DA',
  '00402005': 'TM', '00404005': 'DT', '00404010': 'DT', '00404011': 'DT', '00404050': 'DT', '00404051': 'DT',
  '00404052': 'DT', '0040A030': 'DT', '0040A032': 'DT', '0040A082': 'DT', '0040A110': 'DA', '0040A112': 'TM',
  '0040A120': 'DT', '0040A121': 'DA', '0040A122': 'TM', '0040A13A': 'DT', '0040A192': 'DA', '0040A193': 'TM',
  '0040A307': 'PN', '0040A075': 'PN', '0040A123': 'PN', '00700082': 'DA', '00700083': 'TM', '00700084': 'PN',
  '04000105': 'DT', '30060008': 'DA', '30060009': 'TM', '300A0006': 'DA', '300A0007': 'TM', '300E0004': 'DA',
  '300E0005': 'TM', '30080024': 'DA', '30080025': 'TM', '30080250': 'DA', '30080251': 'TM', '0044000B': 'DT',
  '00100032': 'TM', '00102110': 'LO', '00101005': 'PN', '00101001': 'PN', '00101060': 'PN', '00321032': 'PN',
  '00400006': 'PN', '40080114': 'PN', '0008009C': 'PN', '00081048': 'PN', '00081050': 'PN', '00081070': 'PN',
}

/** The VR to judge an element by: the file's, unless it says UN (or nothing), then what the tag is known to be. */
export function effectiveVr(tag: string, fileVr: string | undefined): string | undefined {
  if (fileVr && fileVr !== 'UN') return fileVr
  return dictionaryVr(tag) ?? KNOWN_VRS[tag] ?? fileVr
}

export function actionFor(tag: string, vr: string | undefined): Action | 'K' {
  if (isPrivate(tag)) return 'X'
  if (tag.endsWith('0000')) return 'X'
  const group = tag.slice(0, 4)
  if (group.startsWith('50') || group === '4008') return 'X'
  if (group.startsWith('60') && (tag.endsWith('3000') || tag.endsWith('4000'))) return 'X'
  const listed = PROFILE[tag]
  if (listed) return listed
  if (vr === 'PN' || (vr && TEMPORAL_VRS.has(vr))) return 'Z'
  if (vr === 'UI' && !KEPT_UID_TAGS.has(tag)) return 'U'
  return 'K'
}

/** New UIDs (2.25 + 128 bits of an HMAC of the original) with a secret per export: consistent, not reversible. */
export class UidMapper {
  private readonly secret: Buffer
  private readonly known = new Map<string, string>()

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret
  }

  map(uid: string): string {
    if (uid === '' || uid.startsWith('1.2.840.10008.')) return uid
    let mapped = this.known.get(uid)
    if (!mapped) {
      const digest = createHmac('sha256', this.secret).update(uid).digest('hex').slice(0, 32)
      mapped = `2.25.${BigInt(`0x${digest}`).toString()}`
      this.known.set(uid, mapped)
    }
    return mapped
  }
}

export interface DeidentifyOptions {
  uids: UidMapper
  /** Put into Patient Name and Patient ID instead of emptying them (e.g. a study code). */
  pseudonym?: string
}

export interface Deidentified {
  /** The de-identified Part 10 file. */
  bytes: Uint8Array
  sopInstanceUid: string
  /** Keywords (or tags) of what was removed, emptied or replaced at the top level. */
  changed: string[]
  warnings: string[]
}

export function deidentifyDicom(file: DicomFile, options: DeidentifyOptions): Deidentified {
  const encoding: Encoding = { explicitVr: file.syntax.explicitVr, littleEndian: file.syntax.littleEndian }
  const changed: string[] = []
  const warnings: string[] = []
  const elements = convert(file, file.dataset, options, encoding, changed, 0)
  elements.push(
    { tag: '00120062', vr: 'CS', value: textValue('YES', 'CS') },
    { tag: '00120063', vr: 'LO', value: textValue('DICOM PS3.15 E.1 Basic Application Confidentiality Profile', 'LO') },
    {
      tag: '00120064',
      vr: 'SQ',
      items: [
        [
          { tag: '00080100', vr: 'SH', value: textValue('113100', 'SH') },
          { tag: '00080102', vr: 'SH', value: textValue('DCM', 'SH') },
          { tag: '00080104', vr: 'LO', value: textValue('Basic Application Confidentiality Profile', 'LO') },
        ],
      ],
    },
  )
  const withoutOld = elements.filter((e, i) => !['00120062', '00120063', '00120064'].includes(e.tag) || i >= elements.length - 3)
  let dataset = encodeDataSet(withoutOld, encoding)
  if (file.syntax.deflated) dataset = deflateRawSync(dataset)
  const sopClassUid = stringOf(file.dataset, 'SOPClassUID') ?? (file.meta && stringOf(file.meta, 'MediaStorageSOPClassUID')) ?? ''
  const originalInstance = stringOf(file.dataset, 'SOPInstanceUID') ?? (file.meta && stringOf(file.meta, 'MediaStorageSOPInstanceUID')) ?? ''
  const sopInstanceUid = options.uids.map(originalInstance)
  if (stringOf(file.dataset, 'BurnedInAnnotation')?.toUpperCase() === 'YES') {
    warnings.push('the file says its pixels carry burned-in annotation, which may identify the patient')
  }
  const bytes = part10File({ sopClassUid, sopInstanceUid, transferSyntaxUid: file.syntax.uid }, dataset)
  return { bytes, sopInstanceUid, changed, warnings }
}

function convert(
  file: DicomFile,
  dataset: DataSet,
  options: DeidentifyOptions,
  encoding: Encoding,
  changed: string[],
  depth: number,
): WriteElement[] {
  const out: WriteElement[] = []
  const decoder = textDecoderFor(dataset)
  for (const [elementKey, element] of Object.entries(dataset.elements)) {
    const tag = elementKey.slice(1).toUpperCase()
    // Group 0002 is written afresh; FFFE items and delimiters are structure, which the writer makes itself.
    if (tag.startsWith('0002') || tag.startsWith('FFFE')) continue
    const vr = effectiveVr(tag, element.vr) ?? (element.items ? 'SQ' : undefined)
    const action = actionFor(tag, vr)
    const label = tagInfo(tag)?.keyword ?? tag
    // Values kept as they are keep the file's VR (UN stays UN: its bytes are encoded as implicit VR would).
    const writeVr = element.vr ?? vr ?? 'UN'
    if (action === 'X') {
      if (depth === 0) changed.push(label)
      continue
    }
    const isPerson = tag === '00100010' || tag === '00100020'
    if (action === 'Z') {
      if (isPerson && options.pseudonym) out.push({ tag, vr: vr ?? writeVr, value: textValue(options.pseudonym, vr ?? writeVr) })
      else if (element.items) out.push({ tag, vr: 'SQ', items: [] })
      else out.push({ tag, vr: writeVr, value: new Uint8Array(0) })
      if (depth === 0 && (element.length > 0 || element.items?.length)) changed.push(label)
      continue
    }
    if (action === 'U' && !element.items) {
      const original = decoder.decode(bytesOf(dataset, element)).replace(/\0/g, '').trim()
      const replaced = original
        .split('\\')
        .map((uid) => options.uids.map(uid.trim()))
        .join('\\')
      out.push({ tag, vr: 'UI', value: textValue(replaced, 'UI') })
      if (depth === 0 && replaced !== original) changed.push(label)
      continue
    }
    if (element.items) {
      const items = element.items.map((item) =>
        item.dataSet ? convert(file, item.dataSet, options, encoding, changed, depth + 1) : [],
      )
      out.push({ tag, vr: 'SQ', items })
      continue
    }
    out.push(copied(file, dataset, element, tag, writeVr))
  }
  return out
}

function bytesOf(dataset: DataSet, element: Element): Uint8Array {
  return dataset.byteArray.subarray(element.dataOffset, element.dataOffset + element.length)
}

/** An element kept as it is: its value bytes exactly, encapsulated pixel data with all its items. */
function copied(file: DicomFile, dataset: DataSet, element: Element, tag: string, vr: string): WriteElement {
  if (!element.hadUndefinedLength) return { tag, vr, value: bytesOf(dataset, element) }
  if (tag !== '7FE00010') throw new DicomError(`cannot copy element ${tag}: undefined length outside a sequence`)
  const { fragments, truncated } = readEncapsulated(file.bytes, element)
  if (truncated) throw new DicomError('truncated DICOM file: encapsulated pixel data ends early')
  const last = fragments.at(-1)
  const end = last ? last.start + last.length : element.dataOffset + 8
  // Everything from the Basic Offset Table item to the sequence delimiter, as it was.
  const body = file.bytes.subarray(element.dataOffset, end + 8)
  return { tag, vr: vr === 'UN' ? 'OB' : vr, value: body, undefinedLength: true }
}

