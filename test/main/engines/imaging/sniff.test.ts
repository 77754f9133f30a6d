import { describe, expect, it } from 'vitest'
import { sniffImageFormat } from '../../../../src/main/engines/imaging'
import { looksLikeText, nameOtherFormat } from '../../../../src/main/engines/imaging/formats'

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)))

const bmpHead = (dibHeaderSize: number): Uint8Array => {
  const head = new Uint8Array(32)
  head.set(bytes('BM'))
  new DataView(head.buffer).setUint32(14, dibHeaderSize, true)
  return head
}

describe('sniffImageFormat', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['tiff', bytes('II', [0x2a, 0, 8, 0, 0, 0])],
    ['tiff', bytes('MM', [0, 0x2a, 0, 0, 0, 8])],
    ['tiff', bytes('II', [0x2b, 0, 8, 0, 0, 0])],
    ['bmp', bmpHead(40)],
    ['bmp', bmpHead(124)],
  ])('recognises %s', (format, head) => {
    expect(sniffImageFormat(head)).toBe(format)
  })

  it.each([
    ['nothing', bytes()],
    ['text starting with BM', bytes('BMW sales report for the year 2024\n')],
    ['a BM header of impossible size', bmpHead(41)],
    ['a RIFF that is not WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a cut-off JPEG marker', bytes([0xff, 0xd8])],
    ['a PDF', bytes('%PDF-1.4\n')],
  ])('returns null for %s', (_, head) => {
    expect(sniffImageFormat(head)).toBeNull()
  })
})

describe('looksLikeText', () => {
  it('accepts ASCII, UTF-8 (even cut mid-character) and UTF-16 with a byte-order mark', () => {
    expect(looksLikeText(bytes('name,label\r\ncat.jpg,cat\r\n'))).toBe(true)
    const utf8 = new TextEncoder().encode('Ærlig talt — 画像ではありません')
    expect(looksLikeText(utf8)).toBe(true)
    expect(looksLikeText(utf8.subarray(0, utf8.length - 1))).toBe(true)
    expect(looksLikeText(bytes([0xff, 0xfe], 'h', [0], 'i', [0]))).toBe(true)
  })

  it('rejects binary', () => {
    expect(looksLikeText(bytes([0x7f], 'ELF', [2, 1, 1, 0, 0, 0]))).toBe(false)
    expect(looksLikeText(bytes('abc', [0xc3, 0x28], 'def'))).toBe(false)
    expect(looksLikeText(bytes('abc', [1, 2, 3, 4, 5], 'def'))).toBe(false)
  })
})

describe('nameOtherFormat', () => {
  it.each([
    ['HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic')],
    ['AVIF', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1')],
    ['PDF', bytes('%PDF-1.7\n')],
    ['ZIP archive', bytes('PK', [3, 4, 20, 0])],
    ['Photoshop PSD', bytes('8BPS', [0, 1])],
  ])('names %s', (name, head) => {
    expect(nameOtherFormat(head)).toBe(name)
  })
})
