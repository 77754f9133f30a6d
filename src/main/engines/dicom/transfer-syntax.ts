/**
 * Transfer syntaxes (PS3.5 §10, PS3.6 Annex A): how the data set is encoded (VR explicit or implicit, byte order,
 * deflated) and how the pixel data is compressed.
 */
export type PixelEncoding =
  | 'native'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'unsupported'

export interface TransferSyntax {
  uid: string
  name: string
  explicitVr: boolean
  littleEndian: boolean
  deflated: boolean
  encoding: PixelEncoding
  /** Whether decoding may differ from the original pixels (as encoded; lossless JPEG 2000 streams are exact). */
  lossy: boolean
}

const ENTRIES: readonly Omit<TransferSyntax, 'explicitVr' | 'littleEndian' | 'deflated' | 'lossy'>[] = [
  { uid: '1.2.840.10008.1.2', name: 'Implicit VR Little Endian', encoding: 'native' },
  { uid: '1.2.840.10008.1.2.1', name: 'Explicit VR Little Endian', encoding: 'native' },
  { uid: '1.2.840.10008.1.2.1.99', name: 'Deflated Explicit VR Little Endian', encoding: 'native' },
  { uid: '1.2.840.10008.1.2.2', name: 'Explicit VR Big Endian', encoding: 'native' },
  { uid: '1.2.840.10008.1.2.5', name: 'RLE Lossless', encoding: 'rle' },
  { uid: '1.2.840.10008.1.2.4.50', name: 'JPEG Baseline (Process 1)', encoding: 'jpeg-baseline' },
  { uid: '1.2.840.10008.1.2.4.51', name: 'JPEG Extended (Process 2 & 4)', encoding: 'jpeg-extended' },
  { uid: '1.2.840.10008.1.2.4.57', name: 'JPEG Lossless, Non-Hierarchical (Process 14)', encoding: 'jpeg-lossless' },
  { uid: '1.2.840.10008.1.2.4.70', name: 'JPEG Lossless, First-Order Prediction (Process 14 SV1)', encoding: 'jpeg-lossless' },
  { uid: '1.2.840.10008.1.2.4.80', name: 'JPEG-LS Lossless', encoding: 'jpeg-ls' },
  { uid: '1.2.840.10008.1.2.4.81', name: 'JPEG-LS Near-Lossless', encoding: 'jpeg-ls' },
  { uid: '1.2.840.10008.1.2.4.90', name: 'JPEG 2000 (Lossless Only)', encoding: 'jpeg-2000' },
  { uid: '1.2.840.10008.1.2.4.91', name: 'JPEG 2000', encoding: 'jpeg-2000' },
  // Known by name so that the reason for refusing them is clear.
  { uid: '1.2.840.10008.1.2.4.52', name: 'JPEG Extended (Process 3 & 5, retired)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.53', name: 'JPEG Spectral Selection (retired)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.55', name: 'JPEG Full Progression (retired)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.92', name: 'JPEG 2000 Part 2 Multi-component (Lossless Only)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.93', name: 'JPEG 2000 Part 2 Multi-component', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.94', name: 'JPIP Referenced', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.95', name: 'JPIP Referenced Deflate', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.100', name: 'MPEG2 video', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.101', name: 'MPEG2 video (High Level)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.102', name: 'MPEG-4 AVC/H.264 video', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.103', name: 'MPEG-4 AVC/H.264 BD-compatible video', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.104', name: 'MPEG-4 AVC/H.264 video (2D)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.105', name: 'MPEG-4 AVC/H.264 video (3D)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.106', name: 'MPEG-4 AVC/H.264 Stereo video', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.107', name: 'HEVC/H.265 video', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.108', name: 'HEVC/H.265 Main 10 video', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.110', name: 'JPEG XL Lossless', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.111', name: 'JPEG XL JPEG Recompression', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.112', name: 'JPEG XL', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.201', name: 'High-Throughput JPEG 2000 (Lossless Only)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.202', name: 'High-Throughput JPEG 2000 with RPCL (Lossless Only)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.4.203', name: 'High-Throughput JPEG 2000', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.6.1', name: 'RFC 2557 MIME encapsulation (retired)', encoding: 'unsupported' },
  { uid: '1.2.840.10008.1.2.6.2', name: 'XML Encoding (retired)', encoding: 'unsupported' },
]

const LOSSY = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.91'])

const BY_UID = new Map<string, TransferSyntax>(
  ENTRIES.map((entry) => [
    entry.uid,
    {
      ...entry,
      explicitVr: entry.uid !== '1.2.840.10008.1.2',
      littleEndian: entry.uid !== '1.2.840.10008.1.2.2',
      deflated: entry.uid === '1.2.840.10008.1.2.1.99' || entry.uid === '1.2.840.10008.1.2.4.95',
      lossy: LOSSY.has(entry.uid),
    },
  ]),
)

export const IMPLICIT_LITTLE = BY_UID.get('1.2.840.10008.1.2')!
export const EXPLICIT_LITTLE = BY_UID.get('1.2.840.10008.1.2.1')!
export const EXPLICIT_BIG = BY_UID.get('1.2.840.10008.1.2.2')!

/** Known syntaxes by UID; an unknown UID is taken as an explicit little endian encapsulated one we cannot decode. */
export function transferSyntaxOf(uid: string): TransferSyntax {
  return (
    BY_UID.get(uid) ?? {
      uid,
      name: `unknown transfer syntax ${uid}`,
      explicitVr: true,
      littleEndian: true,
      deflated: false,
      encoding: 'unsupported',
      lossy: false,
    }
  )
}

export function isEncapsulated(syntax: TransferSyntax): boolean {
  return syntax.encoding !== 'native'
}
