import { createRequire } from 'node:module'
import { DicomError } from '../errors'

/**
 * The WebAssembly codecs (Emscripten builds of libjpeg-turbo, CharLS and OpenJPEG from @cornerstonejs). Each loads its
 * .wasm file from its own package folder with Node's fs, so they work offline and inside the Electron main process
 * (dependencies stay outside the bundle). A module is instantiated once, on first use; after a decoder throws, the
 * instance is dropped and a fresh one is made for the next frame, since an aborted WebAssembly instance may be
 * left in an unusable state.
 */
export interface FrameInfo {
  width: number
  height: number
  bitsPerSample: number
  componentCount: number
  isSigned?: boolean
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array
  getDecodedBuffer(): Uint8Array
  readHeader?(): void
  decode(): void
  getFrameInfo(): FrameInfo
  getInterleaveMode?(): number
  delete(): void
}

type DecoderClass = new () => WasmDecoder
type Factory = (options: { print(text: string): void; printErr(text: string): void }) => Promise<Record<string, unknown>>

const require = createRequire(import.meta.url)

class Codec {
  private module: Promise<DecoderClass> | null = null

  constructor(
    private readonly name: string,
    private readonly modulePath: string,
    private readonly className: string,
  ) {}

  private load(): Promise<DecoderClass> {
    this.module ??= (async () => {
      const loaded = require(this.modulePath) as Factory | { default: Factory }
      const factory = typeof loaded === 'function' ? loaded : loaded.default
      // The codecs log progress (OpenJPEG prints every tile); those lines are not for people.
      const quiet = () => {}
      const instance = await factory({ print: quiet, printErr: quiet })
      const decoderClass = instance[this.className] as DecoderClass | undefined
      if (!decoderClass) throw new Error(`${this.modulePath} has no ${this.className}`)
      return decoderClass
    })()
    return this.module
  }

  /** Decodes one codestream; the result is copied out of WebAssembly memory before the decoder is freed. */
  async decode(encoded: Uint8Array): Promise<{ info: FrameInfo; data: Uint8Array; interleaveMode: number }> {
    let Decoder: DecoderClass
    try {
      Decoder = await this.load()
    } catch (error) {
      this.module = null
      throw new DicomError(`the ${this.name} decoder could not be loaded (${(error as Error).message ?? error})`)
    }
    const decoder = new Decoder()
    try {
      decoder.getEncodedBuffer(encoded.length).set(encoded)
      decoder.decode()
      const info = { ...decoder.getFrameInfo() }
      const data = decoder.getDecodedBuffer().slice()
      const interleaveMode = decoder.getInterleaveMode?.() ?? 2
      return { info, data, interleaveMode }
    } catch (error) {
      this.module = null
      throw new DicomError(`truncated or corrupt DICOM file: ${this.name} data cannot be decoded (${describe(error)})`)
    } finally {
      try {
        decoder.delete()
      } catch {
        // the instance is being discarded anyway
      }
    }
  }
}

function describe(error: unknown): string {
  if (typeof error === 'number') return `error ${error}`
  if (typeof error === 'string') return error
  return (error as Error)?.message?.split('\n')[0] ?? 'unknown error'
}

export const libjpegTurbo = new Codec('JPEG', '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs', 'JPEGDecoder')
export const charls = new Codec('JPEG-LS', '@cornerstonejs/codec-charls/decodewasmjs', 'JpegLSDecoder')
export const openjpeg = new Codec('JPEG 2000', '@cornerstonejs/codec-openjpeg/decodewasmjs', 'J2KDecoder')
