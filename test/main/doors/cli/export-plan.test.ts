import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planExport } from '../../../../src/main/doors/cli/commands/export'

describe('loupe export options', () => {
  it('turns --status, --label, --name and --ids into the export filter, and --split/--seed into the split', () => {
    expect(planExport(['out'], 'yolo', { status: 'reviewed', label: 'crazing', name: '50%', ids: '3,1,3', split: '0.7,0.2,0.1', seed: '9' })).toEqual({
      format: 'yolo',
      out: resolve('out'),
      images: 'none',
      filter: { status: 'reviewed', label: 'crazing', fileName: '50%', imageIds: [3, 1] },
      split: { train: 0.7, val: 0.2, test: 0.1, seed: 9 },
    })
    expect(planExport(['out'], 'coco', {})).toEqual({ format: 'coco', out: resolve('out'), images: 'none' })
  })

  it('says what is wrong with a bad option', () => {
    expect(planExport(['out'], 'yolo', { status: 'done' })).toMatch(/--status takes one of unlabelled/)
    expect(planExport(['out'], 'yolo', { ids: '1,x' })).toMatch(/--ids takes image ids/)
    expect(planExport(['out'], 'yolo', { split: '0.7,0.2' })).toMatch(/--split takes/)
    expect(planExport(['out'], 'yolo', { split: '0.7,0.2,0.2' })).toMatch(/--split takes/)
    expect(planExport(['out'], 'yolo', { split: '0.8,0.1,0.1', seed: '-1' })).toMatch(/--split takes/)
    expect(planExport(['out'], 'yolo', { seed: '1' })).toMatch(/--seed goes with --split/)
    expect(planExport([], 'yolo', {})).toMatch(/one output folder/)
  })
})
