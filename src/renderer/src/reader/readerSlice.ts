import type { LoupeClient } from '../../../shared/api/client'
import type { DicomFrameInfo } from '../../../shared/api/schemas'
import { float32FromLittleEndian, integerSpan, type IntegerSpan } from '../annotate/dicom/windowing'
import { t } from '../i18n/t'

/** One slice as the reader draws it: its frame facts and either its values (monochrome) or its picture (colour). */
export interface ReaderSlice {
  imageId: number
  info: DicomFrameInfo
  /** Rescaled values row by row (HU on CT); null for colour images. */
  values: Float32Array | null
  /** The values' span when all are whole numbers, for table rendering (renderWindowed). */
  integers: IntegerSpan | null
  /** Colour images: the server's PNG, decoded. */
  picture: HTMLImageElement | null
}

/**
 * Fetches a slice's frame facts and its raw values from the media server at once (the values' address needs no
 * facts, and one round trip after the other would double each slice's wait); a colour image, which has no raw
 * values, is then shown as its PNG.
 */
export async function loadReaderSlice(client: LoupeClient, imageId: number): Promise<ReaderSlice> {
  const raw = fetch(client.mediaUrl('raw', imageId)).then(
    async (response) => ({ response, bytes: response.ok ? await response.arrayBuffer() : null }),
    (error: unknown) => ({ error }),
  )
  const info = await client.api.dicom.frame({ imageId })
  if (!info.raw) {
    const picture = new Image()
    picture.src = client.mediaUrl('image', imageId)
    await picture.decode()
    return { imageId, info, values: null, integers: null, picture }
  }
  const answer = await raw
  if ('error' in answer) throw answer.error
  if (!answer.bytes) throw new Error(t('reader.slice.unreadable', { status: answer.response.status }))
  const values = float32FromLittleEndian(answer.bytes)
  const expected = info.raw.width * info.raw.height
  if (values.length !== expected) throw new Error(t('reader.slice.incomplete', { read: values.length, expected }))
  return { imageId, info, values, integers: integerSpan(values), picture: null }
}
