import type { Translation } from '../../catalog-types'
import type { library as english } from '../en/library'

export const library: Translation<typeof english> = {}
