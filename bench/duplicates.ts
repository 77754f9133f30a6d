import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp, { type Sharp } from 'sharp'
import { pixelLikeness, pixelSignature, SAME_PICTURE, type PixelSignature } from '../src/main/engines/imaging'
import { result, round, type BenchResult } from './stats'

const SHARED_DATA = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'shared', 'data')
const NEU = join(SHARED_DATA, 'neu-det', 'images')
const COCO = join(SHARED_DATA, 'coco128', 'images')

/** The copies the pixel check must confirm, each from the original file. */
const COPIES: Record<string, (path: string, width: number, height: number) => Sharp> = {
  jpeg60: (path) => sharp(path).jpeg({ quality: 60 }),
  half: (path, width) => sharp(path).resize(Math.round(width / 2)).jpeg({ quality: 90 }),
  cropCentre5: (path, width, height) => {
    const [w, h] = [Math.round(width * 0.95), Math.round(height * 0.95)]
    return sharp(path).extract({ left: Math.round((width - w) / 2), top: Math.round((height - h) / 2), width: w, height: h })
  },
  cropCorner5: (path, width, height) => {
    const [w, h] = [Math.round(width * 0.95), Math.round(height * 0.95)]
    return sharp(path).extract({ left: width - w, top: height - h, width: w, height: h }).jpeg({ quality: 85 })
  },
  trimSide8: (path, width, height) => sharp(path).extract({ left: Math.round(width * 0.08), top: 0, width: Math.round(width * 0.92), height }),
  allAtOnce: (path, width, height) =>
    sharp(path)
      .extract({ left: Math.round(width * 0.03), top: Math.round(height * 0.02), width: Math.round(width * 0.95), height: Math.round(height * 0.95) })
      .resize(Math.round(width * 0.6))
      .jpeg({ quality: 70 }),
}

/**
 * The near-duplicate pixel check's separation: pixelLikeness of NEU-DET and COCO images with six kinds of copy, against
 * every pair of different NEU-DET images of one class (textures the embedding finds as alike as copies), and what a
 * signature and a comparison cost. Needs the shared data beside the checkout.
 */
export async function benchDuplicates(options: { everyNth: number; cocoImages: number; classes: number }, log: (line: string) => void): Promise<BenchResult[]> {
  if (!existsSync(NEU)) {
    log('duplicates: skipped, no shared data beside the checkout')
    return []
  }
  const neu = readdirSync(NEU).sort()
  const coco = existsSync(COCO) ? readdirSync(COCO).sort().slice(0, options.cocoImages) : []
  const signatureMs: number[] = []
  const signatures = new Map<string, PixelSignature>()
  for (const path of [...neu.map((name) => join(NEU, name)), ...coco.map((name) => join(COCO, name))]) {
    const started = performance.now()
    signatures.set(path, await pixelSignature(path))
    signatureMs.push(performance.now() - started)
  }

  log(`duplicates: ${Object.keys(COPIES).length} copies each of ${Math.ceil(neu.length / options.everyNth)} NEU-DET and ${coco.length} COCO images`)
  const copies: number[] = []
  const worstCopy: Record<string, number> = {}
  const originals = [...neu.filter((_, i) => i % options.everyNth === 0).map((name) => join(NEU, name)), ...coco.map((name) => join(COCO, name))]
  for (const path of originals) {
    const { width, height } = await sharp(path).metadata()
    for (const [kind, copy] of Object.entries(COPIES)) {
      const likeness = pixelLikeness(signatures.get(path)!, await pixelSignature(await copy(path, width, height).toBuffer()))
      copies.push(likeness)
      worstCopy[kind] = round(Math.min(worstCopy[kind] ?? 1, likeness), 3)
    }
  }

  const byClass = new Map<string, string[]>()
  for (const name of neu) byClass.set(name.replace(/_\d+\.jpg$/, ''), [...(byClass.get(name.replace(/_\d+\.jpg$/, '')) ?? []), join(NEU, name)])
  const distinct: number[] = []
  const pairMs: number[] = []
  let closest = { likeness: -1, pair: '' }
  for (const paths of [...byClass.values()].slice(0, options.classes)) {
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++) {
        const started = performance.now()
        const likeness = pixelLikeness(signatures.get(paths[i]!)!, signatures.get(paths[j]!)!)
        pairMs.push(performance.now() - started)
        distinct.push(likeness)
        if (likeness > closest.likeness) closest = { likeness: round(likeness, 3), pair: `${paths[i]!.split('/').pop()} ~ ${paths[j]!.split('/').pop()}` }
      }
    }
  }
  log(`  copies from ${Math.min(...copies).toFixed(3)}, different images up to ${closest.likeness} (${closest.pair}); the line is ${SAME_PICTURE}`)
  return [
    result({ id: 'duplicates.pixels.copies', name: 'pixel check: likeness of copies (min in details)', unit: 'likeness', higherIsBetter: true, details: { min: round(Math.min(...copies), 3), byKind: worstCopy, samePicture: SAME_PICTURE } }, copies),
    result({ id: 'duplicates.pixels.distinct', name: 'pixel check: likeness of different same-class NEU images', unit: 'likeness', details: { max: closest.likeness, closestPair: closest.pair, pairs: distinct.length } }, distinct),
    result({ id: 'duplicates.pixels.signature', name: 'pixel check: signature of an image (decode included)', unit: 'ms' }, signatureMs),
    result({ id: 'duplicates.pixels.pair', name: 'pixel check: one comparison (same-class textures)', unit: 'ms' }, pairMs),
  ]
}
