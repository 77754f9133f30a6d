import type { Translation } from '../../catalog-types'
import type { imports as english } from '../en/imports'

export const imports: Translation<typeof english> = {}
