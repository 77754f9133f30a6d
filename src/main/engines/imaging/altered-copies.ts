import { openImage } from './open'

/** How much of each side a cropped copy loses, in all (split between both ends). */
const CROP_FRACTION = 0.05

/**
 * The copies people make of an image without meaning a new picture, as encoded files: re-encoded as a JPEG of middling
 * quality, scaled to half size, and cropped by 5% (off the right and bottom, as a screenshot or trim would). Used to
 * measure how far a model's embedding moves under them.
 */
export async function alteredCopies(input: string | Buffer, frame = 0): Promise<Buffer[]> {
  const image = await openImage(input, { frame })
  const png = await image.png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true })
  const { width, height } = png.info
  const fresh = () => openImage(png.data)
  return Promise.all([
    fresh().then((copy) => copy.jpeg({ quality: 70 }).toBuffer()),
    fresh().then((copy) => copy.resize(Math.max(1, Math.round(width / 2)), Math.max(1, Math.round(height / 2))).jpeg({ quality: 90 }).toBuffer()),
    fresh().then((copy) =>
      copy
        .extract({ left: 0, top: 0, width: Math.max(1, Math.round(width * (1 - CROP_FRACTION))), height: Math.max(1, Math.round(height * (1 - CROP_FRACTION))) })
        .jpeg({ quality: 90 })
        .toBuffer(),
    ),
  ])
}
