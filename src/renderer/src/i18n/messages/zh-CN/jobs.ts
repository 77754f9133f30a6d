import type { Translation } from '../../catalog-types'
import type { jobs as english } from '../en/jobs'

export const jobs: Translation<typeof english> = {}
