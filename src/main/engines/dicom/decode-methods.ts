import type { WebpOptions } from 'sharp'
import type { FrameGeometry } from './geometry'
import type { DicomIdentity } from './metadata'
import type { Rendered, Window } from './window'

/** A DICOM file by path (the worker reads it and keeps a few parsed files), or its bytes when there is no path. */
export type DicomSource = { path: string } | { bytes: Uint8Array }

/** A WebP thumbnail of every frame of a file (or of the ones asked for), with the file's identity and image size. */
export interface AnalysedFrames {
  identity: DicomIdentity
  width: number
  height: number
  /** Frames in the file. */
  frameCount: number
  /** Each frame's thumbnail, and where it lies in the patient (kept at import, for stacking its series). */
  frames: { frame: number; thumbnail: Uint8Array; geometry: FrameGeometry }[]
}

/** Longest side (never enlarged) and WebP settings of import thumbnails. */
export interface ThumbnailSpec {
  size: number
  webp: WebpOptions
}

/** What the view needs to open a monochrome frame: its values' range, the default window and one fitted to the values. */
export interface FrameStatistics {
  valueRange: { min: number; max: number }
  defaultWindow: Window & { source: 'file' | 'data' }
  /** The values' 0.5th to 99.5th percentile, whatever window the file gives. */
  dataWindow: Window
}

/** The methods of the DICOM decode worker (decode-worker.ts), called through DicomDecoder (decoder.ts). */
export type DicomDecodeMethods = {
  render: { args: { source: DicomSource; frame: number; window?: Window }; result: Rendered }
  analyse: { args: { bytes: Uint8Array; thumbnail: ThumbnailSpec; frames?: readonly number[] }; result: AnalysedFrames }
  /** A grey frame's modality values (rescaled) as little-endian float32, and their statistics; null for colour and palette images. */
  values: { args: { path: string; frame: number }; result: { values: Uint8Array; statistics: FrameStatistics } | null }
  /** Every frame's geometry, read from the file's header without decoding pixels. */
  geometry: { args: { path: string }; result: FrameGeometry[] }
}
