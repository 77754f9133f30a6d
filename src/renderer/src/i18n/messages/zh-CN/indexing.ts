import type { Translation } from '../../catalog-types'
import type { indexing as english } from '../en/indexing'

export const indexing: Translation<typeof english> = {}
