import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Models are kept once per user. Each test file gets a model store of its own (inherited by the CLI processes it
 * starts), so tests never read or write the machine's and a model one file adds is not installed in another.
 */
process.env.LOUPE_MODELS_DIR = mkdtempSync(join(tmpdir(), 'loupe-models-'))
