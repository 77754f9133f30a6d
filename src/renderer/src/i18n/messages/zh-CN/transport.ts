import type { Translation } from '../../catalog-types'
import type { transport as english } from '../en/transport'

export const transport: Translation<typeof english> = {}
