import { describe, expect, it } from 'vitest'
import { createScreens } from '../../../src/renderer/src/screens/screens'
// The features' screens, declared beside their views.
import '../../../src/renderer/src/annotate/annotateScreen'
import '../../../src/renderer/src/search/searchScreen'
import '../../../src/renderer/src/training/trainingScreen'

const ids = (screens: ReturnType<typeof createScreens>) => screens.stack().map((screen) => screen.id)

describe('the screen registry', () => {
  it('starts on the library, which stays at the bottom', () => {
    const screens = createScreens()
    expect(screens.stack()).toEqual([{ id: 'library', params: {} }])
    screens.open('training')
    screens.open('library')
    expect(ids(screens)).toEqual(['library'])
  })

  it('opens each screen over the one on top, and closes it with every screen opened over it', () => {
    const screens = createScreens()
    screens.open('training', { tab: 'versions' })
    screens.open('annotate', { images: { from: 'library', queryKey: 'q' }, index: 3, imageId: 40 })
    expect(ids(screens)).toEqual(['library', 'training', 'annotate'])
    screens.close('training')
    expect(ids(screens)).toEqual(['library'])
    // Closing a screen that is not open changes nothing.
    screens.close('search')
    expect(ids(screens)).toEqual(['library'])
  })

  it('brings an open screen back to the top, closing those over it', () => {
    const screens = createScreens()
    screens.open('training')
    screens.open('annotate', { images: { from: 'library', queryKey: 'q' }, index: 0, imageId: 1 })
    screens.open('training', { tab: 'prelabel' })
    expect(screens.stack().at(-1)).toEqual({ id: 'training', params: { tab: 'prelabel' } })
    expect(ids(screens)).toEqual(['library', 'training'])
  })

  it('opens a screen again where it was left, with what the call says on top', () => {
    const screens = createScreens()
    screens.open('search', { tab: 'duplicates' })
    screens.close('search')
    screens.open('search')
    expect(screens.params('search')).toEqual({ tab: 'duplicates' })
    const subject = { kind: 'path', path: '/a.jpg', previewUrl: 'data:image/webp;base64,', width: 4, height: 3 } as const
    screens.open('search', { subject })
    expect(screens.stack().at(-1)).toEqual({ id: 'search', params: { tab: 'duplicates', subject } })
  })

  it('changes the parameters of an open screen in place, and of a closed one not at all', () => {
    const screens = createScreens()
    screens.open('training')
    screens.open('annotate', { images: { from: 'library', queryKey: 'q' }, index: 0, imageId: 1 })
    screens.update('training', { versionId: 7 })
    expect(ids(screens)).toEqual(['library', 'training', 'annotate'])
    expect(screens.params('training')).toEqual({ versionId: 7 })
    screens.update('annotate', { index: 1, imageId: 2 })
    expect(screens.stack().at(-1)).toEqual({ id: 'annotate', params: { images: { from: 'library', queryKey: 'q' }, index: 1, imageId: 2 } })

    screens.close('annotate')
    screens.update('annotate', { index: 5 })
    expect(screens.params('annotate')).toMatchObject({ index: 1 })
  })

})
