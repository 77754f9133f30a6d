import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { ExportRequest, ExportResult } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

/** Names a Linux folder can hold and the catalogue takes, but that no export format can use as they are. */
const NAMES = ['new\nline.jpg', 'new_line.jpg', 'tab\there.jpg', 'bell\u0007.jpg', 'back\\slash.jpg', 'x.jpg', 'x.png', 'Case.jpg', 'case.jpg']

let loupe: Loupe | undefined
afterEach(async () => {
  await loupe?.close()
  loupe = undefined
})

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true })
  const files: string[] = []
  for (const entry of entries) if ((await stat(join(dir, entry))).isFile()) files.push(entry)
  return files.sort()
}

/** A catalogue of NAMES in a folder "cat" (its tag), each with one "cat" box. */
async function awkwardCatalogue(): Promise<{ loupe: Loupe; originals: Set<string> }> {
  const opened = await freshLoupe()
  const dir = join(await tempDir(), 'cat')
  await Promise.all(NAMES.map((name, i) => writeJpeg(join(dir, name), 40 + i, 64, 48)))
  const { result } = await importThroughApi(opened, [dir], true)
  expect(result).toEqual({ added: NAMES.length, duplicates: 0, relinked: 0, failed: [] })
  const page = opened.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 100 })
  for (const item of page.items) await opened.client.api.annotations.addBox({ imageId: item.id, label: 'cat', x: 1, y: 2, width: 10, height: 8 })
  const originals = new Set(await Promise.all(NAMES.map(async (name) => digest(await readFile(join(dir, name))))))
  return { loupe: opened, originals }
}

async function exportAs(request: Omit<ExportRequest, 'out'>): Promise<ExportResult> {
  const out = join(await tempDir(), 'export')
  const { id } = await loupe!.client.api.exports.start({ ...request, out })
  const job = await loupe!.jobs.settled(id)
  expect(job.error).toBeNull()
  expect(job.state).toBe('completed')
  return job.result as ExportResult
}

/** Every image copied, none overwritten by another: the copies are exactly the originals' bytes. */
async function expectEveryImage(dir: string, originals: Set<string>): Promise<void> {
  const files = await filesUnder(dir)
  expect(files).toHaveLength(NAMES.length)
  expect(new Set(await Promise.all(files.map(async (file) => digest(await readFile(join(dir, file))))))).toEqual(originals)
  // eslint-disable-next-line no-control-regex
  expect(files.filter((file) => /[\u0000-\u001f\u007f\\]/.test(file))).toEqual([])
}

describe.runIf(process.platform === 'linux')('exports of images whose names no format can hold as they are', () => {
  it('writes every format, renaming deterministically, never overwriting, and says so', async () => {
    const made = await awkwardCatalogue()
    loupe = made.loupe

    const yolo = await exportAs({ format: 'yolo', images: 'copy' })
    expect(yolo).toMatchObject({ images: NAMES.length, boxes: NAMES.length })
    expect(yolo.warnings.join('\n')).toMatch(/renamed/)
    await expectEveryImage(join(yolo.dir, 'images'), made.originals)
    const labels = await filesUnder(join(yolo.dir, 'labels'))
    expect(labels).toHaveLength(NAMES.length)
    for (const file of labels) expect(await readFile(join(yolo.dir, 'labels', file), 'utf8')).toMatch(/^0 [\d.]+ [\d.]+ [\d.]+ [\d.]+\n$/)

    const voc = await exportAs({ format: 'voc', images: 'link' })
    await expectEveryImage(join(voc.dir, 'JPEGImages'), made.originals)
    const xmls = await filesUnder(join(voc.dir, 'Annotations'))
    expect(xmls).toHaveLength(NAMES.length)
    const filenames = await Promise.all(xmls.map(async (xml) => /<filename>(.*)<\/filename>/.exec(await readFile(join(voc.dir, 'Annotations', xml), 'utf8'))![1]!))
    expect(new Set(filenames).size).toBe(NAMES.length)

    const folders = await exportAs({ format: 'folders', images: 'copy' })
    await expectEveryImage(join(folders.dir, 'cat'), made.originals)

    const cocoCopy = await exportAs({ format: 'coco', images: 'copy' })
    await expectEveryImage(join(cocoCopy.dir, 'images'), made.originals)
    const copied = JSON.parse(await readFile(join(cocoCopy.dir, 'annotations.json'), 'utf8')) as { images: { file_name: string }[] }
    expect(copied.images.map((image) => image.file_name).sort()).toEqual(await filesUnder(join(cocoCopy.dir, 'images')))
  })

  it('keeps the names exactly in a COCO file without images, where JSON can hold any of them', async () => {
    const made = await awkwardCatalogue()
    loupe = made.loupe
    const coco = await exportAs({ format: 'coco', images: 'none' })
    expect(coco.warnings.filter((warning) => /renamed|changed/.test(warning))).toEqual([])
    const written = JSON.parse(await readFile(join(coco.dir, 'annotations.json'), 'utf8')) as { images: { file_name: string }[] }
    expect(written.images.map((image) => image.file_name).sort()).toEqual([...NAMES].sort())
  })

  it('gives the same names every time', async () => {
    const made = await awkwardCatalogue()
    loupe = made.loupe
    const first = await exportAs({ format: 'yolo', images: 'none' })
    const second = await exportAs({ format: 'yolo', images: 'none' })
    expect(await filesUnder(first.dir)).toEqual(await filesUnder(second.dir))
    expect(second.warnings).toEqual(first.warnings)
  })
})
