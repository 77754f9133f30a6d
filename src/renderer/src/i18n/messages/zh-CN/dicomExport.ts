import type { Translation } from '../../catalog-types'
import type { dicomExport as english } from '../en/dicomExport'

export const dicomExport: Translation<typeof english> = {}
