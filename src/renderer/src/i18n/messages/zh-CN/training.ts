import type { Translation } from '../../catalog-types'
import type { training as english } from '../en/training'

export const training: Translation<typeof english> = {}
