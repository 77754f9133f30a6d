import type { Translation } from '../../catalog-types'
import type { viewer as english } from '../en/viewer'

export const viewer: Translation<typeof english> = {}
