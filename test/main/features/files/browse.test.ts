import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { browseFolder } from '../../../../src/main/features/files/browse'
import { DICOM_DIR } from '../../engines/dicom/helpers'
import { tempDir } from '../../../support/paths'

describe('the import folder browser', () => {
  it('lists DICOM files among the images: .dcm, and files without an extension or named by UID that carry the DICM marker', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'series'))
    await copyFile(join(DICOM_DIR, 'CT_small.dcm'), join(dir, 'scan.dcm'))
    await copyFile(join(DICOM_DIR, 'MR_small.dcm'), join(dir, 'IM0001'))
    await copyFile(join(DICOM_DIR, 'rtdose.dcm'), join(dir, '1.2.840.113619.2.55.3'))
    await copyFile(join(DICOM_DIR, 'MR_small.dcm'), join(dir, 'scan.bin'))
    await writeFile(join(dir, 'README'), 'not an image, and long enough to have bytes where DICM would be'.repeat(4))
    await writeFile(join(dir, 'EMPTY'), '')
    await writeFile(join(dir, 'notes.txt'), 'text')
    await writeFile(join(dir, 'instances.json'), '{}')
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toFile(join(dir, 'photo.png'))

    const listing = await browseFolder(dir)
    expect(listing.entries.map((entry) => [entry.kind, entry.name])).toEqual([
      ['dir', 'series'],
      ['image', '1.2.840.113619.2.55.3'],
      ['image', 'IM0001'],
      ['image', 'photo.png'],
      ['image', 'scan.dcm'],
      ['json', 'instances.json'],
    ])
  })
})
