import { spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { ExportResult, ImportResult } from '../../../../src/shared/api/schemas'
import { settled, workspacePerTest } from '../../../support/workspaces'
import { COCO_IMAGES, REPO_ROOT, SHARED_DATA, tempDir } from '../../../support/paths'

const COCO_JSON = join(SHARED_DATA, 'coco128', 'annotations', 'instances_train2017.json')
const NEU = join(SHARED_DATA, 'neu-det')

const workspaces = workspacePerTest()
const workspace = workspaces.open
const run = settled

/** Every box as "file|class|x|y|w|h", sorted: what must survive a round trip. */
function boxesOf(loupe: Loupe): string[] {
  return (
    loupe.workspace.db
      .prepare(
        `SELECT i.file_name AS file, l.name AS label, b.x, b.y, b.width, b.height
         FROM boxes b JOIN images i ON i.id = b.image_id JOIN labels l ON l.id = b.label_id`,
      )
      .all() as { file: string; label: string; x: number; y: number; width: number; height: number }[]
  )
    .map((b) => [b.file, b.label, b.x, b.y, b.width, b.height].join('|'))
    .sort()
}

describe('dataset import and export', () => {
  it('imports coco128 with its COCO boxes, and COCO export → re-import gives the same boxes', async () => {
    const coco = JSON.parse(await readFile(COCO_JSON, 'utf8')) as { annotations: unknown[]; categories: unknown[] }
    const source = await workspace()
    const job = await run(source, source.client.api.imports.start({
      paths: [COCO_IMAGES],
      annotations: { format: 'coco', path: COCO_JSON },
    }))
    const result = job.result as ImportResult
    expect(result.added).toBe(128)
    expect(result.annotations).toMatchObject({ boxes: coco.annotations.length, classes: coco.categories.length })
    expect(source.catalog.stats().boxes).toBe(coco.annotations.length)

    // The same annotations again add nothing.
    const again = (await run(source, source.client.api.imports.start({ paths: [COCO_IMAGES], annotations: { format: 'coco', path: COCO_JSON } })))
      .result as ImportResult
    expect(again.annotations?.boxes).toBe(0)

    const out = join(await tempDir(), 'coco-export')
    const exported = (await run(source, source.client.api.exports.start({ format: 'coco', out }))).result as ExportResult
    expect(exported).toMatchObject({ images: 128, boxes: coco.annotations.length })

    const target = await workspace()
    const [exportedJson] = (await readdir(out)).filter((name) => name.endsWith('.json'))
    await run(target, target.client.api.imports.start({ paths: [COCO_IMAGES], annotations: { format: 'coco', path: join(out, exportedJson!) } }))
    expect(boxesOf(target)).toEqual(boxesOf(source))
  })

  it('imports NEU-DET VOC and exports VOC with the original boxes and class names', async () => {
    const loupe = await workspace()
    const job = await run(loupe, loupe.client.api.imports.start({
      paths: [join(NEU, 'images')],
      annotations: { format: 'voc', path: join(NEU, 'annotations') },
    }))
    expect((job.result as ImportResult).annotations).toMatchObject({ images: 240, boxes: 553, classes: 6 })
    const out = join(await tempDir(), 'voc-export')
    await run(loupe, loupe.client.api.exports.start({ format: 'voc', out }))

    const objects = (xml: string) =>
      [...xml.matchAll(/<object>[\s\S]*?<name>([^<]*)<\/name>[\s\S]*?<xmin>(\d+)<\/xmin>\s*<ymin>(\d+)<\/ymin>\s*<xmax>(\d+)<\/xmax>\s*<ymax>(\d+)<\/ymax>/g)]
        .map((m) => m.slice(1).join(' '))
        .sort()
    const originals = (await readdir(join(NEU, 'annotations'))).filter((f) => f.endsWith('.xml'))
    const written = await readdir(out, { recursive: true })
    for (const file of originals) {
      const match = written.find((path) => path.endsWith(`/${file}`) || path === file)
      expect(match, file).toBeDefined()
      expect(objects(await readFile(join(out, match!), 'utf8')), file).toEqual(
        objects(await readFile(join(NEU, 'annotations', file), 'utf8')),
      )
    }
  })

  it('refuses malformed annotations, importing nothing, unless asked to skip bad entries', async () => {
    const loupe = await workspace()
    const dir = await tempDir()
    const coco = JSON.parse(await readFile(COCO_JSON, 'utf8')) as {
      annotations: { id: number; category_id: number; bbox: number[] }[]
    }
    coco.annotations[3]!.category_id = 4242
    coco.annotations[7]!.bbox = [10, 10, 99999, 5]
    const broken = join(dir, 'broken.json')
    await writeFile(broken, JSON.stringify(coco))

    const failed = await run(loupe, loupe.client.api.imports.start({ paths: [COCO_IMAGES], annotations: { format: 'coco', path: broken } }))
    expect(failed.state).toBe('failed')
    expect(failed.error).toContain('broken.json')
    expect(failed.error).toContain(`annotation id ${coco.annotations[3]!.id}`)
    expect(loupe.catalog.stats()).toMatchObject({ images: 0, boxes: 0 })

    const skipping = await run(loupe, loupe.client.api.imports.start({
      paths: [COCO_IMAGES],
      annotations: { format: 'coco', path: broken, skipInvalid: true },
    }))
    const result = skipping.result as ImportResult
    expect(result.annotations?.boxes).toBe(coco.annotations.length - 2)
    expect(result.annotations?.skipped).toHaveLength(2)

    await writeFile(broken, '{"images": [ }')
    const badJson = await run(loupe, loupe.client.api.imports.start({ paths: [COCO_IMAGES], annotations: { format: 'coco', path: broken } }))
    expect(badJson.error).toMatch(/broken\.json.*line 1/)
  })

  it('reads YOLO labels with a class list, and says clearly when the list is missing', async () => {
    const coco = JSON.parse(await readFile(COCO_JSON, 'utf8')) as { categories: { id: number; name: string }[] }
    const names = coco.categories.sort((a, b) => a.id - b.id).map((c) => c.name)
    const dataset = await tempDir()
    await mkdir(join(dataset, 'labels'))
    const labelsDir = join(SHARED_DATA, 'coco128', 'labels')
    for (const file of await readdir(labelsDir)) {
      // Two label files name images coco128 does not have; they are a test of their own above.
      if (['000000000656.txt', '000000000659.txt'].includes(file)) continue
      await writeFile(join(dataset, 'labels', file), await readFile(join(labelsDir, file)))
    }
    const loupe = await workspace()
    const missing = await run(loupe, loupe.client.api.imports.start({
      paths: [COCO_IMAGES],
      annotations: { format: 'yolo', path: dataset },
    }))
    expect(missing.state).toBe('failed')
    expect(missing.error).toMatch(/class/i)

    await writeFile(join(dataset, 'classes.txt'), `${names.join('\n')}\n`)
    const job = await run(loupe, loupe.client.api.imports.start({ paths: [COCO_IMAGES], annotations: { format: 'yolo', path: dataset } }))
    expect((job.result as ImportResult).annotations).toMatchObject({ classes: 80 })
    expect(loupe.catalog.stats().boxes).toBeGreaterThan(900)
  })

  it('exports and imports through the CLI', async () => {
    const ws = await tempDir('loupe-ws-')
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'loupe.js'), '--workspace', ws, ...args, '--json'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      })
    const imported = cli('import', join(NEU, 'images'), '--format', 'voc', '--annotations', join(NEU, 'annotations'))
    expect(imported.status).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 240, annotations: { boxes: 553 } })
    expect(JSON.parse(cli('stats').stdout)).toMatchObject({ images: 240, boxes: 553 })

    const out = join(await tempDir(), 'yolo')
    const exported = cli('export', out, '--format', 'yolo', '--images', 'copy')
    expect(exported.status).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ images: 240, boxes: 553 })
    expect((await readdir(join(out, 'labels'))).length).toBeGreaterThanOrEqual(240)

    const refused = cli('export', out, '--format', 'yolo')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/already exists and is not empty/)
  })
})
