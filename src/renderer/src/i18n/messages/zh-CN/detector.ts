import type { Translation } from '../../catalog-types'
import type { detector as english } from '../en/detector'

export const detector: Translation<typeof english> = {}
