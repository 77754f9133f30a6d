/**
 * Loupe's benchmark suite: `npm run bench` (about 5 minutes on 2 cores the first time, when it also makes the test
 * images) or `npm run bench -- --quick` (small sizes, a smoke run of seconds).
 *
 *   --quick          small sizes; writes bench/results/latest-quick.json unless --out is given
 *   --only <group>   only "import", "workspace" or "annotate" (the annotation UI in Chromium; needs npm run build),
 *                    or "search" (exact vs approximate visual search at 10k/100k/1M synthetic vectors, and the first
 *                    search after opening a 100k catalogue; 5-10 minutes on 2 busy cores and 7 GB of memory), or "training" (classifier head to early stop on 5,000 × 1280-d embeddings,
 *                    per-epoch cost three ways, prediction, the object detector; ~2 minutes), or "indexing"
 *                    (visual-search indexing: inference alone vs the whole job, and the event loop's delay meanwhile),
 *                    or "backends" (TensorFlow.js wasm vs onnxruntime-node on each backbone Loupe knows: inference
 *                    alone at batch 1 and 8 for all three, and the whole index job with the default model (MobileNetV1
 *                    1.0 where onnxruntime works) and MobileNetV2 0.35, the default only with --quick; side by side;
 *                    ~2.5 minutes),
 *                    or "pipeline" (indexing with the default model against its ceilings on the same images: sharp
 *                    decoding alone with the index job's number of decoders, inference alone, and the whole job on
 *                    onnxruntime and on wasm; end to end as a share of decoding alone, with CPU time per image;
 *                    ~2.5 minutes),
 *                    or "dicom" (compressed DICOM frames rendered on the main thread vs in the decode worker, and the
 *                    event loop's delay meanwhile; ~30 s), or "edits" (annotation edits through the API: bursts of
 *                    concurrent addBox and undo, and single edits, on a workspace on disk; ~10 s), or "shapes" (coco128's
 *                    COCO annotations imported and exported with their segmentation against boxes only; ~1 minute), or
 *                    "mask" (the mask brush's pixel work on a 4000 × 3000 image: a pointer move at three brush sizes
 *                    against repainting the whole image, release, selecting a mask; ~10 s), or "cli"
 *                    (`loupe stats --json` start-up, built CLI vs TypeScript through tsx, side by side; ~30 s), or
 *                    "duplicates" (the near-duplicate pixel check on NEU-DET and COCO: copies against different images
 *                    of one texture class, and its cost; ~1 minute), or "anomaly" (PatchCore on MobileNetV1 and the
 *                    magnetic tiles, onnxruntime and wasm side by side: fit time on 200 and 2,000 good images with the
 *                    event loop's delay meanwhile, scoring images/s, memory-bank size, held-out image AUROC; exact
 *                    against HNSW search of a 25k-patch bank: time a picture, score difference, AUROC), or "detector" (the box
 *                    detector on NEU-DET: feature maps per backbone backend, training to early stop with its validation
 *                    mAP, one epoch with wasm against plain JavaScript products, detection pictures/s; ~15 minutes),
 *                    or "reader" (the DICOM reader in Chromium on a synthetic 300-slice 512² CT series: slices/s
 *                    wheeling through it cold, with the host's values cached and over prefetched slices; and the services
 *                    alone: dicom.stack, raw values over HTTP cold and cached, dicom.frame per slice, and the page
 *                    fetching the raw values alone; needs the built renderer; ~1.5 minutes), or "map" (the embedding
 *                    map's UMAP layout in its worker on synthetic 1024-d embeddings with cluster structure: 10k points
 *                    whole and from a 2,500 sample plus transform, 100k from a 20k sample plus transform; ~11 minutes), or "map-ui"
 *                    (the map view in Chromium, software WebGL: frame times while dragging over 10k and 100k points,
 *                    thinned while moving and drawing every point, one frame's drawing against Canvas 2D; needs the
 *                    built renderer; ~4 minutes), or "shapes-ui" (the annotation canvas in Chromium on a 4000×3000 image
 *                    with 200 star-shaped 50-point polygons, with 20 masks as well, and with 200 boxes for comparison:
 *                    frame intervals panning and wheel-zooming, one full redraw; needs the built renderer; ~1 minute)
 *   --ann-1m         also build and query the approximate index over 1M vectors (about 5 GB more memory and
 *                    half an hour of building on 2 cores, so not part of the default run)
 *   --out <file>     where to write the JSON (default bench/results/latest.json)
 *
 * Progress goes to stderr; the table and the JSON's location to stdout. Figures are medians (and p95 where there
 * are enough samples); nothing here asserts on a time.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openLoupe } from '../src/main/app/loupe'
import { recommendedModelId } from '../src/main/engines/ml'
import { benchAnnotationEdits } from './annotation-edits'
import { benchShapes } from './shapes'
import { benchMaskBrush } from './mask-brush'
import { benchAnnotationUi, rendererBuilt } from './annotation-ui'
import { benchAnomaly } from './anomaly'
import { benchBackends } from './backends'
import { benchCliStartup } from './cli-startup'
import { benchImportThroughput } from './import-throughput'
import { benchDetector } from './detector'
import { benchDicomDecode } from './dicom-decode'
import { benchReader } from './reader'
import { benchDuplicates } from './duplicates'
import { currentLoad, machineInfo } from './machine'
import { formatDuration, formatTable } from './report'
import { benchIndexing } from './indexing'
import { benchMap } from './map'
import { benchMapUi } from './map-ui'
import { benchShapesUi } from './shapes-ui'
import { benchPipeline } from './pipeline'
import { benchSearch } from './search-scale'
import { round, type BenchResult } from './stats'
import { benchTraining } from './training'
import { buildSyntheticCatalog, LABELS } from './synthetic-catalog'
import { ensureImageSet } from './synthetic-images'
import { benchGridPages, benchNameSearch, benchOpenAfterCrash, benchOpenClose, benchStats } from './workspace-scale'

const SIZES = {
  full: { images: 1000, importRuns: 3, catalogImages: 100_000, opens: 10, crashOpens: 5, pages: 30, stats: 20, switches: 30, gestureMs: 4000 },
  quick: { images: 24, importRuns: 1, catalogImages: 5_000, opens: 3, crashOpens: 1, pages: 5, stats: 5, switches: 8, gestureMs: 1500 },
}
const SEARCH_SIZES = {
  full: { annScales: [10_000, 100_000], f32UpTo: 10_000, efSweep: [32, 64, 128, 256], exactScales: [1_000_000], queries: 100, exactScaleQueries: 10, idleMs: 10_000, firstSearch: { images: 100_000, runs: 3 } },
  quick: { annScales: [2_000], f32UpTo: 2_000, efSweep: [32, 128], exactScales: [20_000], queries: 20, exactScaleQueries: 5, idleMs: 1000, firstSearch: { images: 5_000, runs: 1 } },
}
const EDIT_SIZES = {
  full: { runs: 7, burst: 200, crowdedBoxes: 1000, singles: 200 },
  quick: { runs: 2, burst: 200, crowdedBoxes: 300, singles: 30 },
}
const DETECTOR_SIZES = {
  full: { wasmPictures: 24, maxEpochs: 80, epochPictures: 16, backends: ['onnxruntime', 'wasm'] as const },
  quick: { wasmPictures: 4, maxEpochs: 2, epochPictures: 4, backends: ['onnxruntime'] as const },
}
const READER_SIZES = {
  full: { slices: 300, size: 512, coldPasses: 2, cachedSteps: 40, stackRuns: 5 },
  quick: { slices: 40, size: 256, coldPasses: 1, cachedSteps: 10, stackRuns: 2 },
}
const TRAINING_SIZES = {
  full: { runs: 5, samples: 5_000, fitEpochs: 3, detectorImages: 6 },
  quick: { runs: 1, samples: 1_000, fitEpochs: 1, detectorImages: 1 },
}
/** The backbone a new user gets where onnxruntime works (which the backends and pipeline groups need anyway). */
const DEFAULT_MODEL = recommendedModelId(true)
const BACKEND_SIZES = {
  full: { images: 200, rounds: { alone: 7, endToEnd: 3 }, endToEnd: [DEFAULT_MODEL, 'mobilenet-v2-0.35-224'] },
  quick: { images: 24, rounds: { alone: 2, endToEnd: 1 }, endToEnd: [DEFAULT_MODEL] },
}
const PIPELINE_SIZES = {
  full: { images: 200, rounds: 5 },
  quick: { images: 24, rounds: 1 },
}
const ANOMALY_SIZES = {
  full: { fits: [200, 2000], rounds: 3, backends: ['onnxruntime', 'wasm'] as const, largeBank: { tiles: 40, pictures: 32 } },
  quick: { fits: [24], rounds: 1, backends: ['onnxruntime', 'wasm'] as const, largeBank: { tiles: 16, pictures: 8 } },
}
/** The product lays out up to 20k points whole and samples 20k of more; 10k is laid out both ways for comparison. */
const MAP_SIZES = {
  full: { full: [{ points: 10_000, runs: 3 }], sampled: [{ points: 10_000, sample: 2_500, runs: 3 }, { points: 100_000, sample: 20_000, runs: 1 }] },
  quick: { full: [{ points: 2_000, runs: 1 }], sampled: [{ points: 2_000, sample: 500, runs: 1 }] },
}
/** Panning the map view over 100k points in Chromium (10k with --quick). */
const MAP_UI_SIZES = {
  full: { points: [10_000, 100_000], moves: 240, draws: 30 },
  quick: { points: [2_000, 10_000], moves: 60, draws: 10 },
}
const SHAPES_UI_SIZES = {
  full: { gestureMs: 4000, redraws: 30 },
  quick: { gestureMs: 1500, redraws: 10 },
}
const IMAGE_SPEC = { width: 1600, height: 1200, quality: 90 }
/** Filter the grid by the most popular label (about a quarter of the images) and a middling one (about 5%). */
const FILTER_LABELS = [LABELS[0], LABELS[4]]

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    'ann-1m': { type: 'boolean', default: false },
  },
})
const GROUPS = ['import', 'workspace', 'annotate', 'edits', 'shapes', 'mask', 'search', 'training', 'indexing', 'backends', 'pipeline', 'dicom', 'cli', 'duplicates', 'anomaly', 'detector', 'reader', 'map', 'map-ui', 'shapes-ui'] as const
if (args.only !== undefined && !(GROUPS as readonly string[]).includes(args.only)) {
  throw new Error(`--only takes one of ${GROUPS.join(', ')}, not "${args.only}"`)
}
const runs = (group: (typeof GROUPS)[number]) => args.only === undefined || args.only === group
const mode = args.quick ? 'quick' : 'full'
const sizes = SIZES[mode]
const benchDir = dirname(fileURLToPath(import.meta.url))
const outFile = resolve(args.out ?? join(benchDir, 'results', args.quick ? 'latest-quick.json' : 'latest.json'))
const log = (line: string) => process.stderr.write(`${line}\n`)
// The bench adds models from ../shared into a store of its own, never the user's (models are kept once per user).
const ownModelStore = process.env.LOUPE_MODELS_DIR ? null : await mkdtemp(join(tmpdir(), 'loupe-bench-models-'))
if (ownModelStore) process.env.LOUPE_MODELS_DIR = ownModelStore

const startedAt = new Date()
const started = performance.now()
const loadAtStart = currentLoad()
const results: BenchResult[] = []
const setup: Record<string, unknown> = {}

if (runs('import')) {
  log(`import: ${sizes.images} test images`)
  const images = await ensureImageSet({ count: sizes.images, ...IMAGE_SPEC }, log)
  setup.testImages = {
    dir: images.dir,
    count: images.count,
    ...IMAGE_SPEC,
    averageFileKB: round(images.totalBytes / images.count / 1024, 1),
    generatedMs: images.generatedMs === null ? null : round(images.generatedMs, 0),
    cached: images.generatedMs === null,
  }
  results.push(...(await benchImportThroughput(images, sizes.importRuns, log)))
}

if (runs('workspace')) {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-bench-scale-'))
  try {
    log(`workspace: building a catalogue of ${sizes.catalogImages} images in ${dir}`)
    const catalog = await buildSyntheticCatalog(dir, sizes.catalogImages)
    setup.syntheticCatalog = { ...catalog, buildMs: round(catalog.buildMs, 0) }
    log(`  built in ${formatDuration(catalog.buildMs)}; timing open/close`)
    results.push(...(await benchOpenClose(dir, catalog, sizes.opens)))
    results.push(...(await benchOpenAfterCrash(dir, catalog, sizes.crashOpens)))
    const loupe = await openLoupe({ workspaceDir: dir })
    try {
      log('  timing grid pages and stats')
      results.push(...(await benchGridPages(loupe, catalog, FILTER_LABELS, sizes.pages)))
      results.push(...(await benchNameSearch(loupe, catalog, sizes.pages)))
      results.push(...(await benchStats(loupe, catalog, sizes.stats)))
    } finally {
      await loupe.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (runs('annotate')) {
  if (rendererBuilt() || args.only === 'annotate') {
    results.push(...(await benchAnnotationUi({ switches: sizes.switches, gestureMs: sizes.gestureMs }, log)))
  } else {
    log('annotate: skipped, the renderer is not built (npm run build)')
  }
}

if (runs('edits')) {
  results.push(...(await benchAnnotationEdits(EDIT_SIZES[mode], log)))
}

if (runs('shapes')) {
  log('shapes: coco128 COCO annotations with segmentation against boxes only')
  results.push(...(await benchShapes(mode === 'quick' ? 1 : 5, log)))
}

if (runs('mask')) {
  log('mask: the brush on a 4000 × 3000 image')
  results.push(...benchMaskBrush(mode === 'quick' ? 200 : 2000, log))
}

const notes: string[] = []
if (runs('indexing')) {
  log(`indexing: ${sizes.images} test images`)
  results.push(...(await benchIndexing(await ensureImageSet({ count: sizes.images, ...IMAGE_SPEC }, log), log)))
}

if (runs('backends')) {
  const { images: count, ...options } = BACKEND_SIZES[mode]
  log(`backends: wasm vs onnxruntime on each known model, ${count} test images`)
  const backends = await benchBackends(await ensureImageSet({ count, ...IMAGE_SPEC }, log), options, log)
  results.push(...backends.results)
  notes.push(...backends.notes)
}

if (runs('pipeline')) {
  const { images: count, rounds } = PIPELINE_SIZES[mode]
  log(`pipeline: decoding alone vs indexing end to end with ${DEFAULT_MODEL}, ${count} test images`)
  const pipeline = await benchPipeline(await ensureImageSet({ count, ...IMAGE_SPEC }, log), { rounds, model: DEFAULT_MODEL }, log)
  results.push(...pipeline.results)
  notes.push(...pipeline.notes)
}

if (runs('search')) {
  const sizes = SEARCH_SIZES[mode]
  const search = await benchSearch(args['ann-1m'] ? { ...sizes, annScales: [...sizes.annScales, 1_000_000] } : sizes, log)
  results.push(...search.results)
  notes.push(...search.notes)
  setup.search = search.setup
}

if (runs('training')) {
  const detectorImages = ['000000000009.jpg', '000000000025.jpg', '000000000034.jpg', '000000000036.jpg', '000000000042.jpg', '000000000049.jpg']
  const coco = join(benchDir, '..', '..', 'shared', 'data', 'coco128', 'images')
  results.push(
    ...(await benchTraining(
      {
        ...TRAINING_SIZES[mode],
        detectorImages: existsSync(coco) ? detectorImages.slice(0, TRAINING_SIZES[mode].detectorImages).map((name) => join(coco, name)) : [],
      },
      log,
    )),
  )
}

if (runs('dicom')) {
  log('dicom: rendering a compressed series')
  results.push(...(await benchDicomDecode(args.quick ? 2 : 10, log)))
}

if (runs('cli')) {
  log('cli: loupe stats --json start-up, built vs tsx')
  results.push(...(await benchCliStartup(args.quick ? 3 : 10, log)))
}

if (runs('duplicates')) {
  results.push(...(await benchDuplicates(args.quick ? { everyNth: 24, cocoImages: 5, classes: 1 } : { everyNth: 6, cocoImages: 20, classes: 6 }, log)))
}

if (runs('anomaly')) {
  const { fits, rounds, backends, largeBank } = ANOMALY_SIZES[mode]
  const anomaly = await benchAnomaly({ fits, rounds, backends: [...backends], largeBank }, log)
  results.push(...anomaly.results)
  notes.push(...anomaly.notes)
}

if (runs('detector')) {
  const detector = await benchDetector({ ...DETECTOR_SIZES[mode], backends: [...DETECTOR_SIZES[mode].backends] }, log)
  results.push(...detector.results)
  notes.push(...detector.notes)
}

if (runs('reader')) {
  if (rendererBuilt() || args.only === 'reader') {
    const { slices, size } = READER_SIZES[mode]
    log(`reader: scrolling a synthetic ${slices}-slice ${size}² CT series in the reader`)
    results.push(...(await benchReader(READER_SIZES[mode], log)))
  } else {
    log('reader: skipped, the renderer is not built (npm run build)')
  }
}

if (runs('map')) {
  results.push(...(await benchMap(MAP_SIZES[mode], log)))
}

if (runs('map-ui')) {
  if (rendererBuilt() || args.only === 'map-ui') results.push(...(await benchMapUi(MAP_UI_SIZES[mode], log)))
  else log('map-ui: skipped, the renderer is not built (npm run build)')
}

if (runs('shapes-ui')) {
  if (rendererBuilt() || args.only === 'shapes-ui') results.push(...(await benchShapesUi(SHAPES_UI_SIZES[mode], log)))
  else log('shapes-ui: skipped, the renderer is not built (npx electron-vite build)')
}

const durationMs = performance.now() - started
const machine = { ...machineInfo(), loadAverage: { atStart: loadAtStart, atEnd: currentLoad() } }
mkdirSync(dirname(outFile), { recursive: true })
writeFileSync(
  outFile,
  `${JSON.stringify(
    { schema: 1, mode, startedAt: startedAt.toISOString(), durationSeconds: round(durationMs / 1000, 1), machine, setup, results },
    null,
    2,
  )}\n`,
)

console.log()
console.log(formatTable(results))
console.log()
const testImages = setup.testImages as { generatedMs: number | null; averageFileKB: number; count: number } | undefined
if (testImages) {
  const made = testImages.generatedMs === null ? 'reused from cache' : `generated in ${formatDuration(testImages.generatedMs)}`
  console.log(`test images: ${testImages.count} JPEGs, ${testImages.averageFileKB} KB average, ${made} (not in the figures)`)
}
if (setup.syntheticCatalog) {
  const { images, buildMs } = setup.syntheticCatalog as { images: number; buildMs: number }
  console.log(`synthetic catalogue: ${images} rows built in ${formatDuration(buildMs)} (not in the figures)`)
}
for (const note of notes) console.log(note)
console.log(
  `machine: ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, load ${machine.loadAverage.atStart} → ${machine.loadAverage.atEnd}`,
)
console.log(`total ${formatDuration(durationMs)}; wrote ${relative(process.cwd(), outFile) || outFile}`)
if (ownModelStore) await rm(ownModelStore, { recursive: true, force: true })
