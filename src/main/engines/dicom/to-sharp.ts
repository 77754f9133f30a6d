import { createRequire } from 'node:module'
import type { Sharp } from 'sharp'
import type { Rendered } from './window'

const requireHere = createRequire(import.meta.url)
/** Loaded on first use rather than with the CLI (see imaging/open.ts). */
let sharp: typeof import('sharp').default | undefined

/**
 * A sharp pipeline over a rendered frame (8-bit grey or RGB), for thumbnails, previews, PNG export and the CNN. Grey
 * stays grey (sharp would otherwise write a one-channel frame as an RGB PNG, three times the bytes).
 */
export function renderedToSharp(rendered: Rendered): Sharp {
  sharp ??= requireHere('sharp') as typeof import('sharp').default
  const image = sharp(rendered.data, { raw: { width: rendered.width, height: rendered.height, channels: rendered.channels } })
  return rendered.channels === 1 ? image.toColourspace('b-w') : image
}
