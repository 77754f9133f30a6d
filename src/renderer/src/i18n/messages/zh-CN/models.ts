import type { Translation } from '../../catalog-types'
import type { models as english } from '../en/models'

export const models: Translation<typeof english> = {}
