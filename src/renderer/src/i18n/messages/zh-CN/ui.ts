import type { Translation } from '../../catalog-types'
import type { ui as english } from '../en/ui'

export const ui: Translation<typeof english> = {}
