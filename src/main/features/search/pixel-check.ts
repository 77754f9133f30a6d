import { pixelLikeness, pixelSignature, SAME_PICTURE, type PixelSignature } from '../../engines/imaging'
import type { CatalogService, StoredImage } from '../catalog'

/** Two images an embedding search put close enough to be compared pixel by pixel; `score` is their similarity. */
export interface CandidatePair {
  a: number
  b: number
  score: number
}

export interface ConfirmedPair extends CandidatePair {
  /** pixelLikeness of the two: SAME_PICTURE or more. */
  pixelMatch: number
}

/**
 * Verdicts kept between requests, by content (so an edited file is compared again); beyond this many (~100 MB, the
 * candidate pairs of ~100k images), start over.
 */
const MAX_VERDICTS = 1_000_000
/** Hex digits of each SHA-256 in a verdict's key: 64 bits, enough to never mistake one image for another here. */
const HASH_DIGITS = 16
/**
 * Pairs compared between turns of the event loop. Most take well under a millisecond (their light differs); pairs
 * alike enough to be compared in detail up to ~10 ms on a busy 2-core machine; so at most ~100 ms per turn.
 */
const PAIRS_PER_TURN = 10

/**
 * Confirms embedding candidates by their pixels: a 64 px greyscale signature of each image taking part, made when a
 * candidate first needs it (5-10 ms an image: decoding dominates), and compared by framing one onto the other. Only
 * the verdicts are kept, so memory grows with the candidate pairs, not with the images' signatures.
 */
export class PixelCheck {
  private readonly verdicts = new Map<string, number>()

  constructor(private readonly catalog: CatalogService) {}

  async confirm(pairs: CandidatePair[]): Promise<ConfirmedPair[]> {
    const images = new Map<number, StoredImage | null>()
    const imageOf = (id: number) => {
      if (!images.has(id)) {
        const image = this.catalog.findById(id)
        // A file known to be gone is nobody's copy here; its embedding may still be found alike.
        images.set(id, image && !image.missing ? image : null)
      }
      return images.get(id)!
    }
    const signatures = new Map<number, Promise<PixelSignature | null>>()
    const signatureOf = (image: StoredImage) => {
      let signature = signatures.get(image.id)
      if (!signature) {
        // Nor is one that no longer reads.
        signature = pixelSignature(image.path, image.frame).catch(() => null)
        signatures.set(image.id, signature)
      }
      return signature
    }
    const confirmed: ConfirmedPair[] = []
    for (const [index, pair] of pairs.entries()) {
      const [imageA, imageB] = [imageOf(pair.a), imageOf(pair.b)]
      if (!imageA || !imageB) continue
      const [hashA, hashB] = [imageA.contentHash.slice(0, HASH_DIGITS), imageB.contentHash.slice(0, HASH_DIGITS)].sort()
      const key = `${hashA}:${hashB}`
      let pixelMatch = this.verdicts.get(key)
      if (pixelMatch === undefined) {
        const [a, b] = await Promise.all([signatureOf(imageA), signatureOf(imageB)])
        pixelMatch = a && b ? pixelLikeness(a, b) : 0
        // A file that did not read may read next time (a drive mounted again): only real comparisons are kept.
        if (a && b) {
          if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear()
          this.verdicts.set(key, pixelMatch)
        }
      }
      if (pixelMatch >= SAME_PICTURE) confirmed.push({ ...pair, pixelMatch })
      if (index % PAIRS_PER_TURN === PAIRS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve))
    }
    return confirmed
  }
}
