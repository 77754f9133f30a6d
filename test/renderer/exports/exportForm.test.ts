import { describe, expect, it } from 'vitest'
import { DEFAULT_SPLIT, defaultFolderName, planExport } from '../../../src/renderer/src/exports/exportForm'

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

  it('limits the export to the selection or the filter, and splits it by the percentages typed', () => {
    const base = { format: 'yolo' as const, folder: { location: '/out', folderName: 'x' }, images: 'none' as const }
    expect(planExport({ ...base, scope: { kind: 'selected', imageIds: [4, 2] }, split: DEFAULT_SPLIT })).toEqual({
      ok: true,
      request: { ...base, folder: undefined, out: '/out/x', filter: { imageIds: [4, 2] }, split: { train: 0.7, val: 0.2, test: 0.1, seed: 0 } },
    })
    const filtered = planExport({ ...base, scope: { kind: 'filter', filter: { label: 'cat', fileName: 'a_' } } })
    expect(filtered.ok && filtered.request.filter).toEqual({ label: 'cat', fileName: 'a_' })
    // Folder per class is never split, whatever the fields hold.
    const folders = planExport({ ...base, format: 'folders', split: DEFAULT_SPLIT })
    expect(folders.ok && folders.request.split).toBeUndefined()
  })

  it('says what is wrong with the split', () => {
    const base = { format: 'coco' as const, folder: { location: '/out', folderName: 'x' }, images: 'none' as const }
    expect(planExport({ ...base, split: { ...DEFAULT_SPLIT, test: '20' } })).toEqual({ ok: false, problem: expect.stringMatching(/add up to 110%/) })
    expect(planExport({ ...base, split: { ...DEFAULT_SPLIT, val: 'x' } })).toEqual({ ok: false, problem: expect.stringMatching(/as percentages/) })
    expect(planExport({ ...base, split: { train: '0', val: '50', test: '50', seed: '1' } })).toEqual({ ok: false, problem: expect.stringMatching(/train share/) })
    expect(planExport({ ...base, split: { ...DEFAULT_SPLIT, seed: '-3' } })).toEqual({ ok: false, problem: expect.stringMatching(/seed/) })
  })

  it('says what is missing instead of exporting', () => {
    expect(planExport({ format: 'voc', folder: { location: '', folderName: 'x' }, images: 'copy' })).toEqual({ ok: false, problem: 'Choose the folder to save in.' })
  })
})
