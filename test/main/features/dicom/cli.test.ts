import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../support/paths'
import { DICOM_DIR, NON_IMAGE_FILES } from '../../engines/dicom/helpers'
import { loupeJson as json } from '../../../support/cli'

describe('loupe import of a DICOM folder', () => {
  it('adds every image-bearing file, frames as images, and lists the rest with reasons', async () => {
    const ws = await tempDir('loupe-ws-')
    const result = json('--workspace', ws, 'import', DICOM_DIR) as {
      added: number
      duplicates: number
      relinked: number
      failed: { path: string; reason: string }[]
    }
    expect(result).toMatchObject({ added: 92, duplicates: 1, relinked: 0 })
    const reasons = Object.fromEntries(result.failed.map((f) => [basename(f.path), f.reason]))
    expect(Object.keys(reasons).sort()).toEqual([...Object.keys(NON_IMAGE_FILES), 'README-pydicom-test-files.txt'].sort())
    for (const [name, reason] of Object.entries(NON_IMAGE_FILES)) expect(reasons[name]).toMatch(reason)
    expect(reasons['README-pydicom-test-files.txt']).toBe('not an image (looks like text)')
    expect((json('--workspace', ws, 'stats') as { images: number }).images).toBe(92)
  })
})
