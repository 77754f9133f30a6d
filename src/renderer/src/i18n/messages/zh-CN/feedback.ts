import type { Translation } from '../../catalog-types'
import type { feedback as english } from '../en/feedback'

export const feedback: Translation<typeof english> = {}
