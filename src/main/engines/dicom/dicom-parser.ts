import { createRequire } from 'node:module'

/**
 * dicom-parser is a UMD bundle; loading it with require gives its full API in Node, tsx, vitest and the Electron main
 * bundle alike (ESM named imports of a UMD module are not reliable).
 */
const require = createRequire(import.meta.url)
export const dicomParser = require('dicom-parser') as typeof import('dicom-parser')
export type { DataSet, Element } from 'dicom-parser'
