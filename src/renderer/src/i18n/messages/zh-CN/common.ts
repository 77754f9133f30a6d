import type { Translation } from '../../catalog-types'
import type { common as english } from '../en/common'

export const common: Translation<typeof english> = {}
