import type { Translation } from '../../catalog-types'
import type { catalog as english } from '../en/catalog'

export const catalog: Translation<typeof english> = {}
