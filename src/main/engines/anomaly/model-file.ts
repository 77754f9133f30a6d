import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../../platform/storage/atomic-write'
import type { AnomalyMember, AnomalyModel, AnomalySettings } from './anomaly-model'
import { AnomalyError } from './errors'

/**
 * One anomaly model as one file: a magic line, the length of a JSON header (everything but the banks, with each
 * member's bank size in rows), the header, and the members' banks one after another as little-endian float32 rows,
 * aligned to 4 bytes. Written through a temporary file and a rename. Files of the first format (one backbone, its
 * fields at the header's top level) are read as a model of one member in patch distances.
 */

const MAGIC = 'LOUPE-ANOMALY-2\n'
const FIRST_MAGIC = 'LOUPE-ANOMALY-1\n'

/** What a model did before a setting was kept in its file: maps of one backbone were never widened. */
const SETTINGS_BEFORE_THEY_WERE_KEPT: Partial<AnomalySettings> = { peakReach: 0 }

type StoredMember = Omit<AnomalyMember, 'bank'> & { rows: number }
type Header = Omit<AnomalyModel, 'members'> & { members: StoredMember[] }
type FirstHeader = Omit<AnomalyModel, 'members'> & Omit<AnomalyMember, 'bank' | 'spread'>

export async function writeAnomalyModel(path: string, model: AnomalyModel): Promise<void> {
  const { members, ...rest } = model
  const header: Header = { ...rest, members: members.map(({ bank, ...member }) => ({ ...member, rows: bank.length / member.dimension })) }
  const json = Buffer.from(JSON.stringify(header))
  const headerEnd = MAGIC.length + 4 + json.length
  const banksStart = Math.ceil(headerEnd / 4) * 4
  const bytes = Buffer.alloc(banksStart + members.reduce((sum, member) => sum + member.bank.byteLength, 0))
  bytes.write(MAGIC, 0, 'latin1')
  bytes.writeUInt32LE(json.length, MAGIC.length)
  json.copy(bytes, MAGIC.length + 4)
  members.reduce((offset, { bank }) => offset + Buffer.from(bank.buffer, bank.byteOffset, bank.byteLength).copy(bytes, offset), banksStart)
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
  const magic = bytes.length < MAGIC.length + 4 ? '' : bytes.toString('latin1', 0, MAGIC.length)
  if (magic !== MAGIC && magic !== FIRST_MAGIC) throw unreadable('not an anomaly model')
  const length = bytes.readUInt32LE(MAGIC.length)
  const headerEnd = MAGIC.length + 4 + length
  if (headerEnd > bytes.length) throw unreadable('cut short')
  const json = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, headerEnd)) as Header | FirstHeader
  const banksStart = Math.ceil(headerEnd / 4) * 4
  const header = magic === MAGIC ? (json as Header) : firstAsMembers(json as FirstHeader, (bytes.length - banksStart) / 4)
  const floats = header.members.reduce((sum, member) => sum + member.rows * member.dimension, 0)
  if (header.members.some((member) => !Number.isInteger(member.rows)) || bytes.length - banksStart !== floats * 4) throw unreadable('cut short')
  let offset = bytes.byteOffset + banksStart
  const members = header.members.map(({ rows, ...member }) => {
    // A copy of its own: the file's buffer may be shared and unaligned.
    const bank = new Float32Array(bytes.buffer.slice(offset, (offset += rows * member.dimension * 4)))
    return { ...member, bank }
  })
  // Settings a model was fitted before were added with what it did then (see AnomalySettings).
  return { ...header, settings: { ...SETTINGS_BEFORE_THEY_WERE_KEPT, ...header.settings }, members }
}

function firstAsMembers(first: FirstHeader, floats: number): Header {
  const { backbone, grid, dimension, patchesSeen, ...rest } = first
  return { ...rest, members: [{ backbone, grid, dimension, patchesSeen, spread: 1, rows: floats / dimension }] }
}
