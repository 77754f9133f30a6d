import sharp, { type Sharp } from 'sharp'
import type { Rendered } from './window'

/**
 * A sharp pipeline over a rendered frame (8-bit grey or RGB), for thumbnails, previews, PNG export and the CNN. Grey
 * stays grey (sharp would otherwise write a one-channel frame as an RGB PNG, three times the bytes).
 */
export function renderedToSharp(rendered: Rendered): Sharp {
  const image = sharp(rendered.data, { raw: { width: rendered.width, height: rendered.height, channels: rendered.channels } })
  return rendered.channels === 1 ? image.toColourspace('b-w') : image
}
