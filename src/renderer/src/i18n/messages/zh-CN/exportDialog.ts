import type { Translation } from '../../catalog-types'
import type { exportDialog as english } from '../en/exportDialog'

export const exportDialog: Translation<typeof english> = {}
