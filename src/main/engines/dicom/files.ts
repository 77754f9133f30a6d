import { open } from 'node:fs/promises'
import { extname } from 'node:path'

const DICOM_EXTENSIONS = new Set(['.dcm', '.dicom', '.dic'])
const PREAMBLE = 128

/**
 * Whether a file looks like DICOM without reading it whole: by its extension (.dcm, .dicom, .dic) or, for a name
 * without one, by the "DICM" marker after the 128-byte preamble. Scanners often write series as IM0001 or name files
 * by their UID (1.2.840.…), so a numeric "extension" counts as none. A file that cannot be read is not DICOM.
 */
export async function isDicomFile(path: string): Promise<boolean> {
  const extension = extname(path).toLowerCase()
  if (DICOM_EXTENSIONS.has(extension)) return true
  if (extension !== '' && !/^\.\d+$/.test(extension)) return false
  return hasDicomMarker(path)
}

async function hasDicomMarker(path: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => null)
  if (!file) return false
  try {
    const head = Buffer.alloc(PREAMBLE + 4)
    const { bytesRead } = await file.read(head, 0, head.length, 0)
    return bytesRead === head.length && head.toString('latin1', PREAMBLE) === 'DICM'
  } catch {
    return false
  } finally {
    await file.close()
  }
}
