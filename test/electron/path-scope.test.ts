import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { PathGrants, realLocation } from '../../src/main/doors/shell/path-grants'
import { createPathScope, SCOPED_CHANNELS } from '../../src/main/doors/shell/path-scope'
import { contract } from '../../src/shared/api/contract'

let dir: string
let home: string
let picked: string
let elsewhere: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-scope-'))
  home = join(dir, 'home')
  picked = join(dir, 'picked')
  elsewhere = join(dir, 'elsewhere')
  for (const folder of [join(home, 'photos'), join(picked, 'sub'), elsewhere]) mkdirSync(folder, { recursive: true })
  // Links inside allowed folders that lead out of them.
  symlinkSync(elsewhere, join(picked, 'escape'))
  symlinkSync(elsewhere, join(home, 'escape'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The scope with a person who answers every question with `answer`, and the questions they were asked. */
function scope(answer: boolean) {
  const grants = new PathGrants([home])
  const asked: string[] = []
  const check = createPathScope({
    grants,
    confirm: async (path, purpose) => {
      asked.push(`${purpose} ${path}`)
      return answer
    },
  })
  return { grants, asked, check }
}

describe('path grants', () => {
  it('resolves links and not-yet-existing tails to where they really lead', async () => {
    expect(await realLocation(join(picked, 'escape', 'new', 'deeper'))).toBe(join(await realLocation(elsewhere), 'new', 'deeper'))
    expect(await realLocation(join(picked, 'sub', '..', '..', 'elsewhere'))).toBe(await realLocation(elsewhere))
  })

  it('grants a chosen folder with everything below it, never what its links lead to', async () => {
    const grants = new PathGrants([home])
    await grants.grant(picked)
    expect(await grants.allows(join(picked, 'sub', 'new-export'), 'write')).toBe(true)
    expect(await grants.allows(join(picked, 'escape', 'x'), 'write')).toBe(false)
    expect(await grants.allows(join(picked, '..', 'elsewhere'), 'read')).toBe(false)
    expect(await grants.allows(`${picked}-sibling`, 'read')).toBe(false)
    expect(await grants.allows(join(home, 'photos'), 'list')).toBe(true)
    expect(await grants.allows(join(home, 'photos'), 'write')).toBe(false)
    expect(await grants.allows(join(home, 'escape'), 'list')).toBe(false)
  })
})

describe('path scope of the window', () => {
  it('covers every channel that takes a folder from the page', () => {
    expect(Object.keys(SCOPED_CHANNELS).sort()).toEqual(
      ['dicom.exportImages', 'exports.start', 'files.browse', 'files.preview', 'models.add', 'training.exportVersion', 'training.importVersion'].sort(),
    )
  })

  it('looks at a field each scoped request really has (renaming it in the contract must not let it through unchecked)', () => {
    for (const [channel, { field }] of Object.entries(SCOPED_CHANNELS)) {
      const [namespace, method] = channel.split('.') as [string, string]
      const request = (contract as Record<string, Record<string, { request: { shape?: Record<string, unknown> } }>>)[namespace]?.[method]?.request
      expect(Object.keys(request?.shape ?? {}), channel).toContain(field)
    }
  })

  it('lets the home folder and granted folders be listed, and refuses listing anywhere else without asking', async () => {
    const { grants, asked, check } = scope(true)
    expect(await check('files.browse', {})).toBeNull()
    expect(await check('files.browse', { dir: join(home, 'photos') })).toBeNull()
    const refused = await check('files.browse', { dir: elsewhere })
    expect(refused).toMatchObject({ code: 'bad_request', message: expect.stringContaining(elsewhere) })
    expect(await check('files.browse', { dir: join(home, 'escape') })).toMatchObject({ code: 'bad_request' })
    expect(asked).toEqual([])
    await grants.grant(elsewhere)
    expect(await check('files.browse', { dir: elsewhere })).toBeNull()
  })

  it('asks before writing or reading outside the grants, and remembers a yes for the session', async () => {
    const { asked, check } = scope(true)
    const out = join(elsewhere, 'export-1')
    expect(await check('exports.start', { format: 'coco', out })).toBeNull()
    expect(await check('dicom.exportImages', { imageIds: [1], out: join(out, 'dicom'), format: 'png' })).toBeNull()
    expect(await check('files.browse', { dir: out })).toBeNull()
    expect(asked).toEqual([`write the export to ${out}`])
  })

  it('refuses with the reason when the person says no, for every folder-taking channel', async () => {
    const { asked, check } = scope(false)
    const target = join(elsewhere, 'target')
    for (const [channel, payload] of [
      ['exports.start', { format: 'coco', out: target }],
      ['dicom.exportImages', { imageIds: [1], out: target, format: 'png' }],
      ['training.exportVersion', { id: 1, dir: target }],
      ['training.importVersion', { dir: target }],
      ['models.add', { path: target }],
    ] as const) {
      const refusal = await check(channel, payload)
      expect(refusal, channel).toMatchObject({ code: 'bad_request', message: expect.stringContaining(`not allowed to`) })
      expect(refusal!.message, channel).toContain(target)
    }
    expect(asked).toHaveLength(5)
    expect(await check('exports.start', { format: 'coco', out: 'relative/out' })).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('absolute'),
    })
  })

  it('asks once for many requests naming the same folder at the same time', async () => {
    let release: (answer: boolean) => void = () => {}
    const asked: string[] = []
    const check = createPathScope({
      grants: new PathGrants([]),
      confirm: (path) => {
        asked.push(path)
        return new Promise((resolve) => (release = resolve))
      },
    })
    const out = join(elsewhere, 'together')
    const replies = Promise.all([check('models.add', { path: out }), check('models.add', { path: out })])
    await vi.waitFor(() => expect(asked).toHaveLength(1))
    release(true)
    expect(await replies).toEqual([null, null])
    expect(asked).toEqual([out])
  })

  it('leaves other channels, and payloads the contract will refuse anyway, to the dispatcher', async () => {
    const { asked, check } = scope(false)
    expect(await check('imports.start', { paths: [elsewhere] })).toBeNull()
    expect(await check('catalog.stats', {})).toBeNull()
    expect(await check('__proto__', { dir: elsewhere })).toBeNull()
    expect(await check('models.add', { path: 42 })).toBeNull()
    expect(await check('models.add', null)).toBeNull()
    expect(asked).toEqual([])
  })
})
