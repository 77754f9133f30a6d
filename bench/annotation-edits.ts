import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { openLoupe, type Loupe } from '../src/main/app/loupe'
import type { ImageAnnotations, JobSummary } from '../src/shared/api/schemas'
import { currentLoad } from './machine'
import { result, seededRandom, type BenchResult } from './stats'
import { synthesise } from './synthetic-images'

/**
 * Annotation edits through the API, as the canvas (or a script) sends them, against a real workspace on disk (WAL,
 * synchronous=FULL, so every reply means the edit is on disk):
 *
 * - a burst: `burst` addBox calls fired at once on an image without boxes, from the first call to the last reply;
 * - the same burst on a crowded image (`crowdedBoxes` boxes already, each drawn as an edit, so with an undo history);
 * - a burst of as many undo calls right after a burst;
 * - one addBox at a time, each awaited before the next: the latency of a single edit.
 */
export interface AnnotationEditSizes {
  /** Bursts timed (each on an image of its own). */
  runs: number
  /** Calls per burst. */
  burst: number
  crowdedBoxes: number
  /** Single edits timed one after another. */
  singles: number
}

const IMAGE = { width: 1600, height: 1200 }
const CLASSES = ['car', 'person', 'bicycle', 'dog', 'traffic light', 'bus']

export async function benchAnnotationEdits(sizes: AnnotationEditSizes, log: (line: string) => void): Promise<BenchResult[]> {
  const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-bench-edits-'))
  const imageDir = await mkdtemp(join(tmpdir(), 'loupe-bench-edits-images-'))
  const loupe = await openLoupe({ workspaceDir })
  try {
    const images = sizes.runs * 3 + 1
    log(`edits: importing ${images} images into ${workspaceDir}`)
    for (let i = 0; i < images; i++) {
      await sharp(synthesise(i, IMAGE.width, IMAGE.height), { raw: { ...IMAGE, channels: 3 } })
        .jpeg({ quality: 85 })
        .toFile(join(imageDir, `edit-${String(i).padStart(3, '0')}.jpg`))
    }
    const { id } = await loupe.client.api.imports.start({ paths: [imageDir] })
    const job: JobSummary = await loupe.jobs.settled(id)
    if (job.state !== 'completed') throw new Error(`import ended ${job.state}: ${job.error ?? ''}`)
    const ids = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: images }).items.map((image) => image.id)
    const random = seededRandom(11)
    const loads: number[] = [currentLoad()]

    log(`  ${sizes.runs} bursts of ${sizes.burst} concurrent addBox, then as many undo`)
    const bursts: number[] = []
    const undos: number[] = []
    for (let run = 0; run < sizes.runs; run++) {
      const imageId = ids[run]!
      bursts.push(await timeBurst(loupe, imageId, sizes.burst, random))
      const started = performance.now()
      await Promise.all(Array.from({ length: sizes.burst }, () => loupe.client.api.annotations.undo({ imageId })))
      undos.push(performance.now() - started)
      const left = (await loupe.client.api.annotations.get({ imageId })).boxes.length
      if (left !== 0) throw new Error(`${sizes.burst} undos left ${left} boxes`)
    }
    loads.push(currentLoad())

    log(`  ${sizes.runs} bursts on images with ${sizes.crowdedBoxes} boxes already`)
    const crowded: number[] = []
    for (let run = 0; run < sizes.runs; run++) {
      const imageId = ids[sizes.runs + run]!
      // Seeded in one transaction, straight through the service: the set-up is not what is measured.
      loupe.workspace.db.transaction(() => {
        for (let i = 0; i < sizes.crowdedBoxes; i++) loupe.annotations.addBox(imageId, CLASSES[i % CLASSES.length]!, randomRect(random))
      })()
      crowded.push(await timeBurst(loupe, imageId, sizes.burst, random))
    }
    loads.push(currentLoad())

    log(`  ${sizes.singles} single addBox calls, one at a time`)
    const singles: number[] = []
    const single = ids[sizes.runs * 2]!
    for (let i = 0; i < sizes.singles; i++) {
      const request = { imageId: single, label: CLASSES[i % CLASSES.length]!, ...randomRect(random) }
      const started = performance.now()
      await loupe.client.api.annotations.addBox(request)
      singles.push(performance.now() - started)
    }
    loads.push(currentLoad())

    const details = { image: `${IMAGE.width}×${IMAGE.height}`, burst: sizes.burst, loadAverages: loads }
    return [
      result({ id: 'edits.addBox.burst', name: `${sizes.burst} concurrent addBox on an image without boxes, until the last reply`, unit: 'ms', details }, bursts),
      result(
        {
          id: 'edits.addBox.burst.crowded',
          name: `${sizes.burst} concurrent addBox on an image with ${sizes.crowdedBoxes} boxes and their undo history`,
          unit: 'ms',
          details: { ...details, boxesBefore: sizes.crowdedBoxes },
        },
        crowded,
      ),
      result({ id: 'edits.undo.burst', name: `${sizes.burst} concurrent undo after such a burst`, unit: 'ms', details }, undos),
      result({ id: 'edits.addBox.single', name: 'one addBox, awaited before the next (per call)', unit: 'ms', details: { ...details, burst: 1 } }, singles),
    ]
  } finally {
    await loupe.close()
    await rm(workspaceDir, { recursive: true, force: true })
    await rm(imageDir, { recursive: true, force: true })
  }
}

function randomRect(random: () => number) {
  const width = 20 + Math.round(random() * IMAGE.width * 0.1)
  const height = 20 + Math.round(random() * IMAGE.height * 0.1)
  return { x: Math.round(random() * (IMAGE.width - width)), y: Math.round(random() * (IMAGE.height - height)), width, height }
}

/** Fires `count` addBox calls at once and waits for every reply; checks that every box landed. */
async function timeBurst(loupe: Loupe, imageId: number, count: number, random: () => number): Promise<number> {
  const before = (await loupe.client.api.annotations.get({ imageId })).boxes.length
  const requests = Array.from({ length: count }, (_, i) => ({ imageId, label: CLASSES[i % CLASSES.length]!, ...randomRect(random) }))
  const started = performance.now()
  const replies: ImageAnnotations[] = await Promise.all(requests.map((request) => loupe.client.api.annotations.addBox(request)))
  const ms = performance.now() - started
  const after = Math.max(...replies.map((reply) => reply.boxes.length))
  if (after !== before + count) throw new Error(`a burst of ${count} addBox left ${after - before} new boxes`)
  return ms
}
