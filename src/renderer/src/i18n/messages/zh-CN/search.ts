import type { Translation } from '../../catalog-types'
import type { search as english } from '../en/search'

export const search: Translation<typeof english> = {}
