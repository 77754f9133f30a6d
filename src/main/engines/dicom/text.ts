import { TextDecoder } from 'node:util'
import type { DataSet, Element } from './dicom-parser'
import { key } from './dictionary'

/**
 * Text values decoded by the data set's Specific Character Set (0008,0005) (PS3.5 §6.1): UTF-8, Latin-1 and the other
 * single-byte sets, and the common multi-byte ones. ISO 2022 code extensions are decoded by their first set's
 * decoder, which covers the usual Latin/Japanese/Korean files well enough for display.
 */
const DECODERS: Readonly<Record<string, string>> = {
  'ISO_IR 192': 'utf-8',
  'ISO_IR 100': 'latin1',
  'ISO 2022 IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO 2022 IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO 2022 IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO 2022 IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO 2022 IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 166': 'windows-874',
  'ISO 2022 IR 87': 'iso-2022-jp',
  'ISO 2022 IR 13': 'shift_jis',
  'ISO_IR 13': 'shift_jis',
  'ISO 2022 IR 149': 'euc-kr',
  'ISO 2022 IR 58': 'gb18030',
  GB18030: 'gb18030',
  GBK: 'gbk',
}

const cache = new WeakMap<DataSet, TextDecoder>()

export function textDecoderFor(dataset: DataSet, inherited?: TextDecoder): TextDecoder {
  const known = cache.get(dataset)
  if (known) return known
  const element = dataset.elements[key('SpecificCharacterSet')]
  let decoder = inherited ?? new TextDecoder('latin1')
  if (element && element.length > 0) {
    const raw = new TextDecoder('latin1').decode(dataset.byteArray.subarray(element.dataOffset, element.dataOffset + element.length))
    const terms = raw.split('\\').map((term) => term.replace(/\0/g, '').trim())
    const chosen = terms.map((term) => DECODERS[term]).find((name) => name !== undefined)
    if (chosen) {
      try {
        decoder = new TextDecoder(chosen)
      } catch {
        decoder = new TextDecoder('latin1')
      }
    }
  }
  cache.set(dataset, decoder)
  return decoder
}

/** An element's text value: decoded, NUL and trailing padding removed (leading spaces are kept for text VRs). */
export function elementText(dataset: DataSet, element: Element, decoder = textDecoderFor(dataset)): string {
  const bytes = dataset.byteArray.subarray(element.dataOffset, element.dataOffset + element.length)
  return decoder.decode(bytes).replace(/\0+$/g, '').replace(/\s+$/g, '')
}
