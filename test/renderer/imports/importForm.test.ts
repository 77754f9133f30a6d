import { describe, expect, it } from 'vitest'
import { parseClassNames, planImport, readsAnnotations, type ImportForm } from '../../../src/renderer/src/imports/importForm'

const form = (changes: Partial<ImportForm>): ImportForm => ({ paths: ['/data/set'], contents: 'images', annotationsPath: '', yoloClasses: '', skipInvalid: false, ...changes })

describe('the import form', () => {
  it('imports images, with folder names as labels when the folders are the classes', () => {
    expect(planImport(form({ paths: ['/a', '/b'] }))).toEqual({ ok: true, request: { paths: ['/a', '/b'], labelsFromFolders: false } })
    expect(planImport(form({ contents: 'folders' }))).toEqual({ ok: true, request: { paths: ['/data/set'], labelsFromFolders: true } })
    expect(readsAnnotations(form({ contents: 'folders' }))).toBe(false)
  })

  it('reads annotations from one images folder, with a COCO file named as such', () => {
    expect(planImport(form({ contents: 'coco', paths: ['/a', '/b'] }))).toMatchObject({ ok: false, problem: expect.stringContaining('one folder at a time') })
    expect(planImport(form({ contents: 'voc', paths: ['/a/001.jpg'] }))).toMatchObject({ ok: false, problem: expect.stringContaining('not a single image') })
    expect(planImport(form({ contents: 'coco' }))).toMatchObject({ ok: false, problem: expect.stringContaining('annotations file') })
    expect(planImport(form({ contents: 'coco', annotationsPath: '/data/set/annotations' }))).toMatchObject({ ok: false, problem: expect.stringContaining('.json file itself') })
    expect(planImport(form({ contents: 'coco', annotationsPath: ' /data/set/instances.json ', skipInvalid: true }))).toEqual({
      ok: true,
      request: { paths: ['/data/set'], labelsFromFolders: false, annotations: { format: 'coco', skipInvalid: true, path: '/data/set/instances.json' } },
    })
  })

  it('passes YOLO class names on in id order, and leaves an empty list out', () => {
    expect(parseClassNames(' person, , bicycle ,car ')).toEqual(['person', 'bicycle', 'car'])
    expect(planImport(form({ contents: 'yolo', yoloClasses: 'person, car' }))).toEqual({
      ok: true,
      request: { paths: ['/data/set'], labelsFromFolders: false, annotations: { format: 'yolo', skipInvalid: false, classes: ['person', 'car'] } },
    })
    const plain = planImport(form({ contents: 'yolo' }))
    expect(plain.ok && plain.request.annotations).toEqual({ format: 'yolo', skipInvalid: false })
  })

  it('asks for a path first', () => {
    expect(planImport(form({ paths: [] }))).toEqual({ ok: false, problem: 'Choose a folder or file to import.' })
  })
})
