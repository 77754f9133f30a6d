import type { Translation } from '../../catalog-types'
import type { anomaly as english } from '../en/anomaly'

export const anomaly: Translation<typeof english> = {}
