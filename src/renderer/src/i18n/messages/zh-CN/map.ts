import type { Translation } from '../../catalog-types'
import type { map as english } from '../en/map'

export const map: Translation<typeof english> = {}
