import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, createAppProtocolHandler, resolveUnder } from '../../src/main/doors/shell/app-protocol'
import { workspaceArg } from '../../src/main/doors/shell/args'
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../src/main/doors/shell/csp'
import { isAppOrigin, isSameDocument } from '../../src/main/doors/shell/navigation'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-protocols-'))
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true })
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Loupe</title>')
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'do not serve')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const get = (url: string, method = 'GET') => new Request(url, { method })

describe('app protocol', () => {
  const handler = () => createAppProtocolHandler({ root: join(dir, 'renderer'), csp: CONTENT_SECURITY_POLICY })

  it('serves the built renderer with its CSP and content types', async () => {
    const page = await handler()(get(APP_ENTRY_URL))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('<title>Loupe</title>')
    const script = await handler()(get('loupe-app://app/assets/app.js'))
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await script.text()).toBe('console.log(1)')
  })

  it('never serves anything outside the renderer directory', async () => {
    for (const url of [
      'loupe-app://app/../secret.txt',
      'loupe-app://app/%2e%2e/secret.txt',
      'loupe-app://app/..%2fsecret.txt',
      'loupe-app://app/assets/..%2f..%2fsecret.txt',
      'loupe-app://app/..%5csecret.txt',
      'loupe-app://app/%00',
      'loupe-app://other/index.html',
    ]) {
      const response = await handler()(get(url))
      expect(response.status, url).not.toBe(200)
    }
    expect(resolveUnder('/srv/app', '/../etc/passwd')).toBeNull()
    expect(resolveUnder('/srv/app', '/%2e%2e%2fetc/passwd')).toBeNull()
    expect(resolveUnder('/srv/app', '/')).toBe(join('/srv/app', 'index.html'))
  })

  it('answers 404 for missing files, the page for client routes, and 405 for writes', async () => {
    expect((await handler()(get('loupe-app://app/assets/missing.js'))).status).toBe(404)
    const route = await handler()(get('loupe-app://app/library'))
    expect(route.status).toBe(200)
    expect(route.headers.get('content-type')).toMatch(/^text\/html/)
    expect((await handler()(get(APP_ENTRY_URL, 'POST'))).status).toBe(405)
  })
})

describe('navigation and origin checks', () => {
  it('accepts only the entry page, fragments aside', () => {
    expect(isSameDocument('loupe-app://app/index.html#/library', APP_ENTRY_URL)).toBe(true)
    expect(isSameDocument('loupe-app://app/other.html', APP_ENTRY_URL)).toBe(false)
    expect(isSameDocument('https://example.com/', APP_ENTRY_URL)).toBe(false)
    expect(isSameDocument('file:///etc/passwd', APP_ENTRY_URL)).toBe(false)
    expect(isSameDocument('not a url', APP_ENTRY_URL)).toBe(false)
  })

  it('recognises the app origin and nothing else', () => {
    expect(isAppOrigin('loupe-app://app/index.html', APP_ENTRY_URL)).toBe(true)
    expect(isAppOrigin('loupe-app://evil/index.html', APP_ENTRY_URL)).toBe(false)
    expect(isAppOrigin('file:///index.html', 'file:///index.html')).toBe(false)
    expect(isAppOrigin('', APP_ENTRY_URL)).toBe(false)
    expect(isAppOrigin('http://localhost:5173/', 'http://localhost:5173/')).toBe(true)
  })
})

describe('command line and policy', () => {
  it('reads --workspace in both spellings', () => {
    expect(workspaceArg(['electron', '.', '--workspace', 'ws'], '/home/me')).toBe('/home/me/ws')
    expect(workspaceArg(['electron', '.', '--workspace=/data/ws'])).toBe('/data/ws')
    expect(workspaceArg(['electron', '.', '--no-sandbox'])).toBeUndefined()
    expect(() => workspaceArg(['electron', '.', '--workspace'])).toThrow(/--workspace/)
  })

  it('keeps the production policy strict and relaxes only the dev server', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/)
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' loupe-media: data: blob:")
    const dev = devContentSecurityPolicy('http://localhost:5173/')
    expect(dev).toContain("script-src 'self' 'unsafe-inline'")
    expect(dev).toContain('connect-src \'self\' ws://localhost:5173')
  })
})
