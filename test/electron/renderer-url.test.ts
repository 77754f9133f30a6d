import { describe, expect, it } from 'vitest'
import { devServerUrl } from '../../src/main/doors/shell/renderer-url'

describe('ELECTRON_RENDERER_URL', () => {
  const read = (value: string | undefined, isPackaged: boolean) => {
    const warnings: string[] = []
    const url = devServerUrl({ ELECTRON_RENDERER_URL: value }, isPackaged, (message) => warnings.push(message))
    return { url, warnings }
  }

  it('is honoured in a development build for a dev server on this machine', () => {
    for (const value of ['http://localhost:5173', 'http://127.0.0.1:5173/', 'http://[::1]:5173/', 'https://localhost:5173/']) {
      expect(read(value, false), value).toEqual({ url: value, warnings: [] })
    }
    expect(read(undefined, false)).toEqual({ url: undefined, warnings: [] })
  })

  it('is ignored, with a warning, in a packaged app', () => {
    const { url, warnings } = read('http://localhost:5173', true)
    expect(url).toBeUndefined()
    expect(warnings[0]).toMatch(/packaged/)
  })

  it('is ignored when it names another machine or is not a web URL', () => {
    for (const value of [
      'https://evil.example/',
      'http://localhost.evil.example:5173/',
      'http://127.0.0.2.nip.io/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const { url, warnings } = read(value, false)
      expect(url, value).toBeUndefined()
      expect(warnings, value).toHaveLength(1)
    }
  })
})
