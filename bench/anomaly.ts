import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { auroc, bankPatches as patchesOf, fitAnomalyModel, partnerBackbone, scoreAnomalies, type ImageAnomaly } from '../src/main/engines/anomaly'
import { MemoryBank } from '../src/main/engines/anomaly/memory-bank'
import { EmbeddingEngine, type BackendName } from '../src/main/engines/ml'
import { benchModel, installBenchModels } from './models'
import { loopDelay, result, round, seededRandom, type BenchResult } from './stats'

const TILES = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'shared', 'data', 'magnetic-tile')
const MODEL = 'mobilenet-v1-1.0-224'
/** Learnt beside MODEL when a fit has enough good images held out (see fitAnomalyModel). */
const PARTNER = partnerBackbone(MODEL)!

export interface AnomalySizes {
  /** Good-image counts to fit on (more than the set holds are made by cropping and flipping its tiles; fitted once). */
  fits: number[]
  rounds: number
  backends: BackendName[]
  /** Exact against HNSW search: a bank of every patch of this many good tiles, scored on this many pictures. */
  largeBank: { tiles: number; pictures: number }
}

/**
 * Anomaly detection (PatchCore on MobileNetV1) per backend, side by side: fit time at each size with the calling
 * thread's event-loop delay meanwhile, scoring speed, the memory bank's size, and image AUROC of held-out good tiles
 * (other physical tiles: the last 40% by number) against every defect tile, and again with the split reversed (learnt
 * on the last 60%, the first 40% held out); with the first backend, the same for a model of MobileNetV1 and V2 (the
 * product's default when both are installed), and one large bank searched exactly and through HNSW. Needs the shared data beside the checkout.
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
    const models = await installBenchModels(join(work, 'models'), [benchModel(MODEL), benchModel(PARTNER)])
    const installed = models.get(MODEL)!
    const partner = models.get(PARTNER)!
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
          let loop = { p50: 0, p99: 0, max: 0 }
          // Beyond the tile set (made by augmenting it) a fit takes minutes: once is enough to see how it scales.
          const rounds = count <= learnt.length * 2 ? sizes.rounds : 1
          for (let run = 0; run < rounds; run++) {
            log(`anomaly: ${backend}, fit on ${count} good images, round ${run + 1}`)
            const started = performance.now()
            loop = await loopDelay(async () => {
              const model = await fitAnomalyModel([engine], paths)
              bankPatches = patchesOf(model)
              bankBytes = model.members[0]!.bank.byteLength
            })
            fitMs.push(performance.now() - started)
            log(`  ${Math.round(fitMs.at(-1)!)} ms, event loop delay max ${Math.round(loop.max)} ms`)
          }
          const details = {
            backend,
            goodImages: count,
            bankPatches,
            bankMB: round(bankBytes / 2 ** 20, 2),
            loopDelayP99Ms: round(loop.p99, 1),
            loopDelayMaxMs: round(loop.max, 1),
          }
          results.push(result({ id: `anomaly.fit.${count}.${backend}`, name: `anomaly: fit on ${count} good images (${backend})`, unit: 'ms', details }, fitMs))
        }
        const forward = await heldOutQuality([engine], learnt, heldOut, defects)
        const perSecond = (heldOut.length + defects.length) / (forward.scoreMs / 1000)
        // The other way round (learnt on the last 60%, scored on the first 40%): a method tuned to one split shows here.
        const reverse = await heldOutQuality([engine], good.slice(good.length - learnt.length), good.slice(0, good.length - learnt.length), defects)
        const details = { backend, bankPatches: forward.bankPatches, auroc: forward.auroc, aurocReverse: reverse.auroc, heldOutGood: heldOut.length, defects: defects.length }
        results.push(result({ id: `anomaly.score.${backend}`, name: `anomaly: scoring (${backend})`, unit: 'images/s', higherIsBetter: true, details }, [perSecond]))
        log(`  scoring ${perSecond.toFixed(1)} images/s, image AUROC ${forward.auroc} (reverse split ${reverse.auroc})`)
        for (const [split, quality] of [['first 60% learnt', forward], ['last 60% learnt', reverse]] as const) {
          notes.push(
            `anomaly (${backend}, ${split}): image AUROC ${quality.auroc}, ${quality.aboveMedian}/${defects.length} defect tiles above the good median, ` +
              `${quality.falseAlarms}/${quality.good} unseen good tiles and ${quality.caught}/${defects.length} defect tiles flagged at the default threshold`,
          )
        }
        if (backend === sizes.backends[0]) {
          results.push(await benchPair(engine, partner.dir, partner.manifest, backend, { learnt, heldOut, good, defects }, log))
          const search = await benchBankSearch(engine, learnt.slice(0, sizes.largeBank.tiles), heldOut, defects, sizes.largeBank.pictures, log)
          results.push(...search.results)
          notes.push(search.note)
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

/** Fit and scoring with MODEL and PARTNER together, on both splits: what the second backbone costs and gives. */
async function benchPair(
  engine: EmbeddingEngine,
  partnerDir: string,
  partnerManifest: Parameters<typeof EmbeddingEngine.start>[0]['manifest'],
  backend: BackendName,
  tiles: { learnt: string[]; heldOut: string[]; good: string[]; defects: string[] },
  log: (line: string) => void,
): Promise<BenchResult> {
  const second = await EmbeddingEngine.start({ modelDir: partnerDir, manifest: partnerManifest, backends: [backend] })
  try {
    const { learnt, heldOut, good, defects } = tiles
    log(`anomaly: ${MODEL} with ${PARTNER} (${backend})`)
    const started = performance.now()
    const forward = await heldOutQuality([engine, second], learnt, heldOut, defects)
    const fitMs = performance.now() - started - forward.scoreMs
    const reverse = await heldOutQuality([engine, second], good.slice(good.length - learnt.length), good.slice(0, good.length - learnt.length), defects)
    const perSecond = (heldOut.length + defects.length) / (forward.scoreMs / 1000)
    log(`  fit ${Math.round(fitMs)} ms, scoring ${perSecond.toFixed(1)} images/s, image AUROC ${forward.auroc} (reverse split ${reverse.auroc})`)
    const details = { backend, goodImages: learnt.length, fitMs: Math.round(fitMs), bankPatches: forward.bankPatches, auroc: forward.auroc, aurocReverse: reverse.auroc }
    return result({ id: `anomaly.score.pair.${backend}`, name: `anomaly: scoring with two backbones (${backend})`, unit: 'images/s', higherIsBetter: true, details }, [perSecond])
  } finally {
    await second.close()
  }
}

/**
 * One large bank (every patch of `tiles` good tiles, no coreset) scored on the same pictures (half held-out good
 * tiles, half defects) with exact search and with HNSW: time per picture (HNSW's including its graph, built once),
 * the graph's build alone, how far HNSW's scores are from the exact ones, and each one's image AUROC on these pictures.
 */
async function benchBankSearch(
  engine: EmbeddingEngine,
  tiles: readonly string[],
  heldOut: readonly string[],
  defects: readonly string[],
  pictures: number,
  log: (line: string) => void,
): Promise<{ results: BenchResult[]; note: string }> {
  log(`anomaly: a large bank from every patch of ${tiles.length} good tiles`)
  const model = await fitAnomalyModel([engine], tiles, { settings: { coresetFraction: 1, maxBankPatches: Number.MAX_SAFE_INTEGER } })
  const bankPatches = patchesOf(model)
  const every = (paths: readonly string[], count: number) => paths.filter((_, index) => index % Math.max(1, Math.floor(paths.length / count)) === 0).slice(0, count)
  const good = every(heldOut, Math.ceil(pictures / 2))
  const bad = every(defects, Math.floor(pictures / 2))
  const started = performance.now()
  new MemoryBank(model.members[0]!.bank, model.members[0]!.dimension, 'hnsw')
  const buildMs = performance.now() - started
  const scoreWith = async (search: 'exact' | 'hnsw') => {
    log(`anomaly: ${bankPatches} patches, ${search} search of ${good.length + bad.length} pictures`)
    const began = performance.now()
    const run = { good: await scoreAnomalies(model, [engine], good, { search }), bad: await scoreAnomalies(model, [engine], bad, { search }) }
    const msPerPicture = (performance.now() - began) / (good.length + bad.length)
    log(`  ${Math.round(msPerPicture)} ms a picture`)
    return { ...run, msPerPicture }
  }
  const exact = await scoreWith('exact')
  const hnsw = await scoreWith('hnsw')
  const imageAuroc = (run: { good: ImageAnomaly[]; bad: ImageAnomaly[] }) => auroc(scoresOf(run.good), scoresOf(run.bad)) ?? Number.NaN
  const exactScores = [...exact.good, ...exact.bad].map((image) => image.score)
  const differences = [...hnsw.good, ...hnsw.bad].map((image, index) => image.score / exactScores[index]! - 1)
  const details = {
    bankPatches,
    pictures: exactScores.length,
    hnswBuildMs: Math.round(buildMs),
    maxScoreDifference: round(Math.max(...differences), 4),
    meanScoreDifference: round(differences.reduce((sum, value) => sum + value, 0) / differences.length, 5),
    aurocExact: round(imageAuroc(exact), 3),
    aurocHnsw: round(imageAuroc(hnsw), 3),
  }
  const results = [
    result({ id: 'anomaly.search.exact', name: `anomaly: exact search of a ${bankPatches}-patch bank`, unit: 'ms/picture', details }, [exact.msPerPicture]),
    result({ id: 'anomaly.search.hnsw', name: `anomaly: HNSW search of a ${bankPatches}-patch bank`, unit: 'ms/picture', details }, [hnsw.msPerPicture]),
  ]
  const note =
    `anomaly search, ${bankPatches}-patch bank: exact ${Math.round(exact.msPerPicture)} ms a picture, HNSW ${Math.round(hnsw.msPerPicture)} ms ` +
    `(graph built in ${Math.round(buildMs)} ms), scores at most ${round(100 * details.maxScoreDifference, 2)}% above exact, AUROC ${details.aurocExact} exact / ${details.aurocHnsw} HNSW`
  return { results, note }
}

/**
 * Fits on `learn` and scores the unseen good tiles and the defects: image AUROC, defects above the good median, and
 * what the calibrated threshold flags of each.
 */
async function heldOutQuality(engines: EmbeddingEngine[], learn: readonly string[], unseen: readonly string[], defects: readonly string[]) {
  const model = await fitAnomalyModel(engines, learn)
  const started = performance.now()
  const good = await scoreAnomalies(model, engines, unseen)
  const bad = await scoreAnomalies(model, engines, defects)
  const scoreMs = performance.now() - started
  const median = good.map((image) => image.score).sort((a, b) => a - b)[Math.floor(good.length / 2)]!
  return {
    scoreMs,
    bankPatches: patchesOf(model),
    auroc: round(auroc(scoresOf(good), scoresOf(bad)) ?? Number.NaN, 3),
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

const scoresOf = (images: readonly ImageAnomaly[]) => images.map((image) => image.score)
