import type { LoupeClient } from '../../../../shared/api/client'
import type { DicomFrameInfo, DicomMetadata } from '../../../../shared/api/schemas'
import { float32FromLittleEndian, integerSpan, type IntegerSpan } from './windowing'
import { t } from '../../i18n/t'

export interface DicomFrame {
  imageId: number
  info: DicomFrameInfo
  metadata: DicomMetadata
  /** The frame's rescaled values (HU on CT), row by row; null for colour images, which are shown as they are. */
  values: Float32Array | null
  /** The values' span when they are all whole numbers, for table rendering (see renderWindowed). */
  integers: IntegerSpan | null
}

/** Frames kept: the one shown and a few around it. A 512 × 512 slice is 1 MB of values. */
const CAPACITY = 8

/**
 * Fetches what the viewer needs of a DICOM image once: its frame facts (rescale, windows, presets), its metadata,
 * and its values from the media server, for the image shown and the ones next to it.
 */
export class DicomFrameLoader {
  private readonly frames = new Map<number, Promise<DicomFrame>>()

  constructor(private readonly client: LoupeClient) {}

  load(imageId: number): Promise<DicomFrame> {
    const known = this.frames.get(imageId)
    if (known) {
      // Re-inserting keeps the most recently used last, where eviction reaches it last.
      this.frames.delete(imageId)
      this.frames.set(imageId, known)
      return known
    }
    const pending = this.fetch(imageId)
    this.frames.set(imageId, pending)
    // A failure is not remembered: the next request tries again (the file may be back).
    pending.catch(() => {
      if (this.frames.get(imageId) === pending) this.frames.delete(imageId)
    })
    for (const oldest of this.frames.keys()) {
      if (this.frames.size <= CAPACITY) break
      this.frames.delete(oldest)
    }
    return pending
  }

  private async fetch(imageId: number): Promise<DicomFrame> {
    const { dicom } = this.client.api
    const [info, metadata] = await Promise.all([dicom.frame({ imageId }), dicom.metadata({ imageId })])
    if (!info.raw) return { imageId, info, metadata, values: null, integers: null }
    const response = await fetch(this.client.mediaUrl('raw', imageId))
    if (!response.ok) throw new Error(t('annotate.dicom.pixelsUnreadable', { status: response.status }))
    const values = float32FromLittleEndian(await response.arrayBuffer())
    const expected = info.raw.width * info.raw.height
    if (values.length !== expected) throw new Error(t('annotate.dicom.pixelsIncomplete', { read: values.length, expected }))
    return { imageId, info, metadata, values, integers: integerSpan(values) }
  }
}
