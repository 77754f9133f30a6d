import { describe, expect, it } from 'vitest'
import { defaultFolderName, planExport } from '../../../src/renderer/src/exports/exportForm'

describe('the export form', () => {
  it('exports into a new folder named after the format by default', () => {
    expect(defaultFolderName('yolo')).toBe('loupe-yolo')
    expect(planExport({ format: 'coco', folder: { location: '/out', folderName: 'loupe-coco' }, images: 'none' })).toEqual({
      ok: true,
      request: { format: 'coco', out: '/out/loupe-coco', images: 'none' },
    })
  })

  it('copies the images for folder per class, which is made of them', () => {
    const plan = planExport({ format: 'folders', folder: { location: '/out', folderName: 'x' }, images: 'none' })
    expect(plan.ok && plan.request.images).toBe('copy')
    const linked = planExport({ format: 'folders', folder: { location: '/out', folderName: 'x' }, images: 'link' })
    expect(linked.ok && linked.request.images).toBe('link')
  })

  it('says what is missing instead of exporting', () => {
    expect(planExport({ format: 'voc', folder: { location: '', folderName: 'x' }, images: 'copy' })).toEqual({ ok: false, problem: 'Choose the folder to save in.' })
  })
})
