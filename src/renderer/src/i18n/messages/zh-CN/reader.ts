import type { Translation } from '../../catalog-types'
import type { reader as english } from '../en/reader'

export const reader: Translation<typeof english> = {}
