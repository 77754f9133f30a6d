import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { FormatError, readVoc, vocXml, writeVoc, type AnnotatedImage, type AnnotationSet } from '../../../../src/main/engines/formats'
import { parseXml, XmlSyntaxError } from '../../../../src/main/engines/formats/voc/xml'
import { tempDir } from '../../../support/paths'

let base: string
let n = 0
beforeAll(async () => {
  base = await tempDir('loupe-formats-voc-')
})

async function dataset(files: Record<string, string>): Promise<string> {
  const dir = join(base, `ds-${n++}`)
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), text)
  }
  return dir
}

async function failure(promise: Promise<unknown>): Promise<FormatError> {
  const error = await promise.catch((e: unknown) => e)
  if (error instanceof FormatError) return error
  throw new Error(`expected a FormatError, got ${String(error)}`)
}

const object = (name: string, [xmin, ymin, xmax, ymax]: (number | string)[], extra = '') =>
  `<object><name>${name}</name>${extra}<bndbox><xmin>${xmin}</xmin><ymin>${ymin}</ymin><xmax>${xmax}</xmax><ymax>${ymax}</ymax></bndbox></object>`
const annotation = (filename: string, objects: string[], size = '<size><width>100</width><height>50</height><depth>3</depth></size>') =>
  `<?xml version="1.0"?>\n<annotation>\n<filename>${filename}</filename>\n${size}\n${objects.join('\n')}\n</annotation>\n`

describe('VOC reader', () => {
  it('reads 1-based inclusive bndbox numbers as pixel boxes and keeps difficult/truncated/pose', async () => {
    const dir = await dataset({
      'Annotations/a.xml': annotation('a.jpg', [
        object('cat', [1, 1, 100, 50], '<pose>Left</pose><truncated>1</truncated><difficult>0</difficult>'),
        object('dog', [10, 20, 10, 20]),
      ]),
    })
    const { set } = await readVoc(dir)
    expect(set).toEqual({
      classes: ['cat', 'dog'],
      images: [
        {
          file: 'a.jpg',
          width: 100,
          height: 50,
          depth: 3,
          tags: [],
          boxes: [
            { label: 'cat', x: 0, y: 0, width: 100, height: 50, pose: 'Left', truncated: true, difficult: false },
            { label: 'dog', x: 9, y: 19, width: 1, height: 1 },
          ],
        },
      ],
    })
  })

  it('gives back the numbers of a file written 0-based by another tool', async () => {
    const dir = await dataset({ 'a.xml': annotation('a.jpg', [object('cat', [0, 0, 99, 49])]) })
    const { set } = await readVoc(dir)
    expect(set.images[0]?.boxes[0]).toMatchObject({ x: -1, y: -1, width: 100, height: 50 })
    expect(vocXml(set.images[0] as AnnotatedImage, 'x')).toContain('<xmin>0</xmin>\n\t\t\t<ymin>0</ymin>\n\t\t\t<xmax>99</xmax>\n\t\t\t<ymax>49</ymax>')
  })

  it('collects every problem with the file and the object', async () => {
    const dir = await dataset({
      'Annotations/a.xml': annotation('a.jpg', [
        object('cat', [1, 1, 101, 50]), // 1 px past the edge: tolerated
        object('cat', [1, 1, 102, 50]),
        object('cat', [30, 1, 10, 50]),
        object('', [1, 1, 2, 2]),
        object('cat', [1, 'one', 2, 2]),
        '<object><name>cat</name></object>',
        object('cat', [1, 1, 2, 2], '<difficult>yes</difficult>'),
      ]),
      'Annotations/b.xml': '<annotation>\n<filename>b.jpg</filename>\n<size><width>5</width></height></size></annotation>',
      'Annotations/c.xml': annotation('c.jpg', [], ''),
      'Annotations/d.xml': '<annotation><size><width>5</width><height>5</height></size></annotation>',
      'Annotations/e.xml': annotation('a.jpg', []),
      'Annotations/f.xml': '<annotations/>',
    })
    const error = await failure(readVoc(dir))
    expect(error.problems.map((p) => `${p.file} ${p.entry}: ${p.message}`)).toEqual([
      expect.stringMatching(/^Annotations\/a.xml object 2 \(line 6\): box .* lies outside the 100 × 50 image \(bndbox 1, 1, 102, 50\)$/),
      'Annotations/a.xml object 3 (line 7): <bndbox> max is less than min (30, 1, 10, 50)',
      'Annotations/a.xml object 4 (line 8): class name is empty',
      'Annotations/a.xml object 5 (line 9): <bndbox> needs numeric <xmin>, <ymin>, <xmax> and <ymax>',
      'Annotations/a.xml object 6 (line 10): missing <bndbox>',
      'Annotations/a.xml object 7 (line 11): <difficult> must be 0 or 1, not "yes"',
      'Annotations/b.xml line 3, column 23: invalid XML: </height> closes <size> (line 3)',
      'Annotations/c.xml size: missing a positive <size> <width> and <height>',
      'Annotations/d.xml filename: missing <filename>',
      'Annotations/e.xml filename: another XML already describes a.jpg; skipped',
      'Annotations/f.xml line 1: root element is <annotations>, expected <annotation>',
    ])
    const { set, skippedCount } = await readVoc(dir, { skipInvalid: true })
    expect(skippedCount).toBe(11)
    expect(set.images.map((im) => [im.file, im.boxes.length])).toEqual([['a.jpg', 1]])
  })

  it('takes the class order from classes.txt or the caller, and refuses names outside it', async () => {
    const dir = await dataset({ 'classes.txt': 'zebra\ncat\nunused\n', 'Annotations/a.xml': annotation('a.jpg', [object('cat', [1, 1, 2, 2]), object('zebra', [1, 1, 2, 2])]) })
    expect((await readVoc(dir)).set.classes).toEqual(['zebra', 'cat', 'unused'])
    const error = await failure(readVoc(dir, { classes: ['cat'] }))
    expect(error.message).toBe('Annotations/a.xml, object 2 (line 6): unknown class "zebra"')
  })

  it('names an image in a subfolder by its folder and <filename>', async () => {
    const dir = await dataset({ 'Annotations/set 1/a.xml': annotation('a.jpg', []) })
    expect((await readVoc(dir)).set.images[0]?.file).toBe('set 1/a.jpg')
  })
})

describe('VOC writer', () => {
  const set: AnnotationSet = {
    classes: ['cat & <dog>'],
    images: [
      {
        file: 'sub/a.jpg',
        width: 100,
        height: 50,
        tags: [],
        boxes: [
          { label: 'cat & <dog>', x: 10.4, y: 0, width: 10.2, height: 50 },
          { label: 'cat & <dog>', x: 5.2, y: 5.2, width: 0.2, height: 0.2 },
        ],
      },
    ],
  }

  it('rounds sub-pixel boxes to pixel edges by default, keeping at least one pixel, and escapes names', async () => {
    const { dir } = await writeVoc(set, join(base, 'round'))
    const xml = await readFile(join(dir, 'Annotations', 'sub', 'a.xml'), 'utf8')
    expect(xml).toContain('<filename>a.jpg</filename>')
    expect(xml).toContain('<name>cat &amp; &lt;dog&gt;</name>')
    const boxes = [...xml.matchAll(/<xmin>(.*)<\/xmin>\s*<ymin>(.*)<\/ymin>\s*<xmax>(.*)<\/xmax>\s*<ymax>(.*)<\/ymax>/g)].map((m) => m.slice(1).join(' '))
    expect(boxes).toEqual(['11 1 21 50', '6 6 6 6'])
    const { set: back } = await readVoc(dir)
    expect(back.classes).toEqual(['cat & <dog>'])
    expect(back.images[0]?.file).toBe('sub/a.jpg')
    expect(await readFile(join(dir, 'classes.txt'), 'utf8')).toBe('cat & <dog>\n')
  })

  it("writes decimals with coordinates: 'exact'", async () => {
    const { dir } = await writeVoc(set, join(base, 'exact'), { coordinates: 'exact' })
    const xml = await readFile(join(dir, 'Annotations', 'sub', 'a.xml'), 'utf8')
    expect(xml).toContain('<xmin>11.4</xmin>')
    expect(xml).toContain('<xmax>20.6</xmax>')
  })
})

describe('XML reader', () => {
  it('handles declarations, comments, CDATA, entities, attributes and self-closing tags', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE annotation [<!ENTITY x "y">]>\n<!-- made by hand -->\n' +
        `<annotation verified='yes'><name>a &amp; b &lt;&#233;&#x4E2D;&gt; & c</name><note><![CDATA[<raw> & ]]></note><empty a="1"/></annotation>`,
    )
    expect(root.attributes).toEqual({ verified: 'yes' })
    expect(root.children.map((c) => [c.name, c.text, c.attributes])).toEqual([
      ['name', 'a & b <é中> & c', {}],
      ['note', '<raw> & ', {}],
      ['empty', '', { a: '1' }],
    ])
  })

  it('reports where the syntax breaks', () => {
    const at = (xml: string) => {
      try {
        parseXml(xml)
      } catch (e) {
        if (e instanceof XmlSyntaxError) return `${e.line}:${e.column} ${e.message}`
      }
      return 'parsed'
    }
    expect(at('<a>\n  <b>\n</a>')).toBe('3:1 </a> closes <b> (line 2)')
    expect(at('<a>\n<b>x</b>')).toBe('2:9 <a> (line 1) is never closed')
    expect(at('<a>&bogus;</a>')).toBe('1:4 unknown entity &bogus;')
    expect(at('<a x=1></a>')).toBe("1:6 attribute x's value must be quoted")
    expect(at('<a></a><b/>')).toBe('1:8 a second root element')
    expect(at('')).toBe('1:1 no root element')
  })
})

describe('VOC reader on the wrong folder', () => {
  it('says there are no annotation files', async () => {
    const dir = await dataset({ 'readme.txt': 'hello' })
    expect((await failure(readVoc(dir))).message).toBe(`${dir}: no .xml annotation files in this folder or its Annotations/ folder`)
  })
})
