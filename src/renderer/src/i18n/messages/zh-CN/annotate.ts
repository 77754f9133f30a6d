import type { Translation } from '../../catalog-types'
import type { annotate as english } from '../en/annotate'

export const annotate: Translation<typeof english> = {}
