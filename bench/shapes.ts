import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openLoupe, type Loupe } from '../src/main/app/loupe'
import type { JobSummary } from '../src/shared/api/schemas'
import { currentLoad } from './machine'
import { result, type BenchResult } from './stats'

const COCO128 = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'shared', 'data', 'coco128')

/**
 * coco128's COCO file through the catalogue, with its segmentation (929 polygon objects, 10 RLE crowd regions) and
 * with the same file's segmentation emptied (boxes only), side by side: the annotations' import (onto images already
 * in the workspace, so the figure is the annotations' share: reading and checking the file, one transaction of
 * inserts) and a COCO export of the whole catalogue (reading it back, writing the file). Each run in a fresh workspace.
 */
export async function benchShapes(runs: number, log: (line: string) => void): Promise<BenchResult[]> {
  const source = join(COCO128, 'annotations', 'instances_train2017.json')
  const work = await mkdtemp(join(tmpdir(), 'loupe-bench-shapes-'))
  try {
    const coco = JSON.parse(await readFile(source, 'utf8')) as { annotations: { segmentation: unknown }[] }
    for (const annotation of coco.annotations) annotation.segmentation = []
    const boxesOnly = join(work, 'boxes-only.json')
    await writeFile(boxesOnly, JSON.stringify(coco))
    const loads = [currentLoad()]
    const times = { shapes: { import: [] as number[], export: [] as number[] }, boxes: { import: [] as number[], export: [] as number[] } }
    for (let run = 1; run <= runs; run++) {
      for (const [kind, file] of [['shapes', source], ['boxes', boxesOnly]] as const) {
        const workspaceDir = await mkdtemp(join(work, 'ws-'))
        const loupe = await openLoupe({ workspaceDir })
        try {
          await settled(loupe, loupe.client.api.imports.start({ paths: [join(COCO128, 'images')] }))
          let started = performance.now()
          await settled(loupe, loupe.client.api.imports.start({ paths: [join(COCO128, 'images')], annotations: { format: 'coco', path: file } }))
          times[kind].import.push(performance.now() - started)
          started = performance.now()
          await settled(loupe, loupe.client.api.exports.start({ format: 'coco', out: join(workspaceDir, 'export') }))
          times[kind].export.push(performance.now() - started)
        } finally {
          await loupe.close()
          await rm(workspaceDir, { recursive: true, force: true })
        }
      }
      log(`  shapes run ${run}/${runs}: import ${times.shapes.import.at(-1)!.toFixed(0)} ms with shapes, ${times.boxes.import.at(-1)!.toFixed(0)} ms boxes only`)
    }
    loads.push(currentLoad())
    const details = { annotations: coco.annotations.length, polygonObjects: 929, masks: 10, load: loads }
    return [
      result({ id: 'shapes.coco128.import.shapes', name: 'coco128 COCO annotations import, with segmentation', unit: 'ms', details }, times.shapes.import),
      result({ id: 'shapes.coco128.import.boxes', name: 'coco128 COCO annotations import, boxes only', unit: 'ms', details }, times.boxes.import),
      result({ id: 'shapes.coco128.export.shapes', name: 'coco128 COCO export, with segmentation', unit: 'ms', details }, times.shapes.export),
      result({ id: 'shapes.coco128.export.boxes', name: 'coco128 COCO export, boxes only', unit: 'ms', details }, times.boxes.export),
    ]
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function settled(loupe: Loupe, started: Promise<{ id: number }>): Promise<JobSummary> {
  const job = await loupe.jobs.settled((await started).id)
  if (job.state !== 'completed') throw new Error(`${job.kind} ended ${job.state}: ${job.error ?? ''}`)
  return job
}
