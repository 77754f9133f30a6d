import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rendererSources, uncataloguedIn } from './uiText'

const RENDERER = resolve(import.meta.dirname, '../../../src/renderer/src')

describe('the renderer’s text', () => {
  it('is all in the message catalogue (a string a person reads goes through t(); a machine value is marked i18n-exempt)', () => {
    const files = rendererSources(RENDERER, join(RENDERER, 'i18n/messages'))
    const uncatalogued = files
      .flatMap((file) => uncataloguedIn(file, RENDERER))
      .map((text) => `${text.file}:${text.line} ${JSON.stringify(text.text)}`)
    expect(uncatalogued).toEqual([])
  })

  it('is checked by a scan that finds text in every place a person reads it', () => {
    const sample = resolve(import.meta.dirname, 'fixtures/Uncatalogued.tsx')
    const found = uncataloguedIn(sample, resolve(import.meta.dirname, 'fixtures')).map((text) => text.text)
    expect(found).toEqual(['Nothing here', 'Save the image', 'Saves it', 'Drop it?', 'Copied ${} images', '图像', 'Undo'])
  })
})
