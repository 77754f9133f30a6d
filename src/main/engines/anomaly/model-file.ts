import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../../platform/storage/atomic-write'
import type { AnomalyModel } from './anomaly-model'
import { AnomalyError } from './errors'

/**
 * One anomaly model as one file: a magic line, the length of a JSON header (everything but the bank), the header, and
 * the bank as little-endian float32 rows, aligned to 4 bytes. Written through a temporary file and a rename.
 */

const MAGIC = 'LOUPE-ANOMALY-1\n'

export async function writeAnomalyModel(path: string, model: AnomalyModel): Promise<void> {
  const { bank, ...header } = model
  const json = Buffer.from(JSON.stringify(header))
  const headerEnd = MAGIC.length + 4 + json.length
  const bankStart = Math.ceil(headerEnd / 4) * 4
  const bytes = Buffer.alloc(bankStart + bank.byteLength)
  bytes.write(MAGIC, 0, 'latin1')
  bytes.writeUInt32LE(json.length, MAGIC.length)
  json.copy(bytes, MAGIC.length + 4)
  Buffer.from(bank.buffer, bank.byteOffset, bank.byteLength).copy(bytes, bankStart)
  await writeFileAtomic(path, bytes)
}

export async function readAnomalyModel(path: string): Promise<AnomalyModel> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new AnomalyError('unreadable-model', `The anomaly model file ${path} cannot be read (${(error as Error).message}): learn the model again.`)
  }
  const unreadable = (why: string) => new AnomalyError('unreadable-model', `The anomaly model file ${path} is ${why}: learn the model again.`)
  if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw unreadable('not an anomaly model')
  const length = bytes.readUInt32LE(MAGIC.length)
  const headerEnd = MAGIC.length + 4 + length
  if (headerEnd > bytes.length) throw unreadable('cut short')
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, headerEnd)) as Omit<AnomalyModel, 'bank'>
  const bankStart = Math.ceil(headerEnd / 4) * 4
  if ((bytes.length - bankStart) % (4 * header.dimension) !== 0) throw unreadable('cut short')
  // A copy of its own: the file's buffer may be shared and unaligned.
  const bank = new Float32Array(bytes.buffer.slice(bytes.byteOffset + bankStart, bytes.byteOffset + bytes.length))
  return { ...header, bank }
}
