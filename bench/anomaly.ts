import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { fitAnomalyModel, scoreAnomalies } from '../src/main/engines/anomaly'
import { EmbeddingEngine, type BackendName } from '../src/main/engines/ml'
import { benchModel, installBenchModels } from './models'
import { result, round, seededRandom, type BenchResult } from './stats'

const TILES = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'shared', 'data', 'magnetic-tile')
const MODEL = 'mobilenet-v1-1.0-224'

export interface AnomalySizes {
  /** Good-image counts to fit on (more than the set holds are made by cropping and flipping its tiles; fitted once). */
  fits: number[]
  rounds: number
  backends: BackendName[]
}

/**
 * Anomaly detection (PatchCore on MobileNetV1) per backend, side by side: fit time at each size, scoring speed, the
 * memory bank's size, and image AUROC of held-out good tiles (other physical tiles: the last 40% by number) against
 * every defect tile, and again with the split reversed (learnt on the last 60%, the first 40% held out). Needs the shared data beside the checkout.
 */
export async function benchAnomaly(sizes: AnomalySizes, log: (line: string) => void): Promise<{ results: BenchResult[]; notes: string[] }> {
  if (!existsSync(TILES)) {
    log('anomaly: skipped, no shared data beside the checkout')
    return { results: [], notes: [] }
  }
  const work = await mkdtemp(join(tmpdir(), 'loupe-bench-anomaly-'))
  const results: BenchResult[] = []
  const notes: string[] = []
  try {
    const installed = (await installBenchModels(join(work, 'models'), [benchModel(MODEL)])).get(MODEL)!
    const good = goodTiles()
    const learnt = good.slice(0, Math.floor(good.length * 0.6))
    const heldOut = good.slice(learnt.length)
    const defects = readdirSync(join(TILES, 'defect')).flatMap((kind) =>
      readdirSync(join(TILES, 'defect', kind)).filter((name) => name.endsWith('.jpg')).map((name) => join(TILES, 'defect', kind, name)),
    )
    const pool = await augmentedTiles(learnt, Math.max(...sizes.fits), join(work, 'tiles'), log)
    for (const backend of sizes.backends) {
      const engine = await EmbeddingEngine.start({ modelDir: installed.dir, manifest: installed.manifest, backends: [backend] })
      try {
        for (const count of sizes.fits) {
          const paths = count <= learnt.length ? learnt.slice(0, count) : pool.slice(0, count)
          const fitMs: number[] = []
          let bankPatches = 0
          let bankBytes = 0
          // Beyond the tile set (made by augmenting it) a fit takes minutes: once is enough to see how it scales.
          const rounds = count <= learnt.length * 2 ? sizes.rounds : 1
          for (let run = 0; run < rounds; run++) {
            log(`anomaly: ${backend}, fit on ${count} good images, round ${run + 1}`)
            const started = performance.now()
            const model = await fitAnomalyModel(engine, paths)
            fitMs.push(performance.now() - started)
            log(`  ${Math.round(fitMs.at(-1)!)} ms`)
            bankPatches = model.bank.length / model.dimension
            bankBytes = model.bank.byteLength
          }
          const details = { backend, goodImages: count, bankPatches, bankMB: round(bankBytes / 2 ** 20, 2) }
          results.push(result({ id: `anomaly.fit.${count}.${backend}`, name: `anomaly: fit on ${count} good images (${backend})`, unit: 'ms', details }, fitMs))
        }
        const forward = await heldOutQuality(engine, learnt, heldOut, defects)
        const perSecond = (heldOut.length + defects.length) / (forward.scoreMs / 1000)
        // The other way round (learnt on the last 60%, scored on the first 40%): a method tuned to one split shows here.
        const reverse = await heldOutQuality(engine, good.slice(good.length - learnt.length), good.slice(0, good.length - learnt.length), defects)
        const details = { backend, bankPatches: forward.bankPatches, auroc: forward.auroc, aurocReverse: reverse.auroc, heldOutGood: heldOut.length, defects: defects.length }
        results.push(result({ id: `anomaly.score.${backend}`, name: `anomaly: scoring (${backend})`, unit: 'images/s', higherIsBetter: true, details }, [perSecond]))
        log(`  scoring ${perSecond.toFixed(1)} images/s, image AUROC ${forward.auroc} (reverse split ${reverse.auroc})`)
        for (const [split, quality] of [['first 60% learnt', forward], ['last 60% learnt', reverse]] as const) {
          notes.push(
            `anomaly (${backend}, ${split}): image AUROC ${quality.auroc}, ${quality.aboveMedian}/${defects.length} defect tiles above the good median, ` +
              `${quality.falseAlarms}/${quality.good} unseen good tiles and ${quality.caught}/${defects.length} defect tiles flagged at the default threshold`,
          )
        }
      } finally {
        await engine.close()
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  return { results, notes }
}

/**
 * Fits on `learn` and scores the unseen good tiles and the defects: image AUROC, defects above the good median, and
 * what the calibrated threshold flags of each.
 */
async function heldOutQuality(engine: EmbeddingEngine, learn: readonly string[], unseen: readonly string[], defects: readonly string[]) {
  const model = await fitAnomalyModel(engine, learn)
  const started = performance.now()
  const good = await scoreAnomalies(model, engine, unseen)
  const bad = await scoreAnomalies(model, engine, defects)
  const scoreMs = performance.now() - started
  const wins = bad.reduce((sum, image) => sum + good.filter((other) => image.score > other.score).length, 0)
  const median = good.map((image) => image.score).sort((a, b) => a - b)[Math.floor(good.length / 2)]!
  return {
    scoreMs,
    bankPatches: model.bank.length / model.dimension,
    auroc: round(wins / (bad.length * good.length), 3),
    aboveMedian: bad.filter((image) => image.score > median).length,
    falseAlarms: good.filter((image) => image.anomalous).length,
    caught: bad.filter((image) => image.anomalous).length,
    good: good.length,
  }
}

function goodTiles(): string[] {
  const number = (name: string) => Number(/num_(\d+)/.exec(name)?.[1] ?? 0)
  const names = readdirSync(join(TILES, 'good')).filter((name) => name.endsWith('.jpg'))
  return names.sort((a, b) => number(a) - number(b)).map((name) => join(TILES, 'good', name))
}

/** `count` good pictures: the tiles themselves, then seeded crops (80–100% of each side) and mirrorings of them. */
async function augmentedTiles(tiles: readonly string[], count: number, dir: string, log: (line: string) => void): Promise<string[]> {
  if (count <= tiles.length) return [...tiles]
  log(`anomaly: making ${count - tiles.length} cropped and mirrored tiles`)
  await mkdir(dir, { recursive: true })
  const random = seededRandom(14)
  const made = [...tiles]
  for (let index = made.length; index < count; index++) {
    const source = tiles[index % tiles.length]!
    const { width = 0, height = 0 } = await sharp(source).metadata()
    const [w, h] = [Math.round(width * (0.8 + 0.2 * random())), Math.round(height * (0.8 + 0.2 * random()))]
    let image = sharp(source).extract({ left: Math.floor((width - w) * random()), top: Math.floor((height - h) * random()), width: w, height: h })
    if (random() < 0.5) image = image.flop()
    const path = join(dir, `tile-${index}.jpg`)
    await image.jpeg({ quality: 92 }).toFile(path)
    made.push(path)
  }
  return made
}
