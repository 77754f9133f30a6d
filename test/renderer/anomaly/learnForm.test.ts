import { describe, expect, it } from 'vitest'
import type { Label } from '../../../src/shared/api/schemas'
import { likelyGoodLabel, planLearning, type LearnForm } from '../../../src/renderer/src/anomaly/learnForm'

const label = (name: string, imageCount: number): Label => ({ id: imageCount, name, color: '#4e79a7', hotkey: null, imageCount, boxCount: 0 })
const LABELS = [label('scratch', 4), label('OK', 30), label('dent', 50)]
const FORM: LearnForm = { source: 'label', label: 'OK', folder: '', folderImages: null, name: 'default', secondModel: { kind: 'auto' } }

describe('learning what good looks like, as the form asks for it', () => {
  it('starts from a label named like "good", else the label on the most images', () => {
    expect(likelyGoodLabel(LABELS)).toBe('OK')
    expect(likelyGoodLabel([label('scratch', 4), label('dent', 50)])).toBe('dent')
    expect(likelyGoodLabel([])).toBe('')
  })

  it('asks for a label, the selected images or the files of a folder, under a trimmed name', () => {
    expect(planLearning({ ...FORM, name: ' line 2 ' }, null, LABELS)).toEqual({ request: { name: 'line 2', label: 'OK' }, count: 30 })
    expect(planLearning({ ...FORM, source: 'selection' }, [3, 5], LABELS)).toEqual({ request: { name: 'default', imageIds: [3, 5] }, count: 2 })
    const folder = { ...FORM, source: 'folder' as const, folder: '/good', folderImages: ['/good/a.png', '/good/b.png'] }
    expect(planLearning(folder, null, LABELS)).toEqual({ request: { name: 'default', paths: ['/good/a.png', '/good/b.png'] }, count: 2 })
  })

  it('leaves the second image model to Loupe unless one or none is chosen', () => {
    expect(planLearning({ ...FORM, secondModel: { kind: 'none' } }, null, LABELS)).toMatchObject({ request: { label: 'OK', secondModel: null } })
    const chosen = planLearning({ ...FORM, secondModel: { kind: 'model', id: 'mobilenet-v2-1.0-224' } }, null, LABELS)
    expect(chosen).toMatchObject({ request: { secondModel: 'mobilenet-v2-1.0-224' } })
    expect('request' in chosen && 'secondModel' in chosen.request).toBe(true)
    const automatic = planLearning(FORM, null, LABELS)
    expect('request' in automatic && 'secondModel' in automatic.request).toBe(false)
  })

  it('says what is missing instead of asking', () => {
    const problem = (form: Partial<LearnForm>, selection: number[] | null = null, labels = LABELS) => {
      const plan = planLearning({ ...FORM, ...form }, selection, labels)
      return 'problem' in plan ? plan.problem : null
    }
    expect(problem({ name: '  ' })).toMatch(/^Give the model a name/)
    expect(problem({}, null, [])).toMatch(/^There are no labels yet/)
    expect(problem({ label: 'gone' })).toBe('Choose the label the good images carry.')
    expect(problem({ source: 'selection' }, [])).toMatch(/^Nothing was selected/)
    expect(problem({ source: 'folder' })).toBe('Choose the folder of good images.')
    expect(problem({ source: 'folder', folder: '/good' })).toBe('Looking for images in the folder…')
    expect(problem({ source: 'folder', folder: '/good', folderImages: [] })).toMatch(/^That folder holds no images directly/)
  })
})
