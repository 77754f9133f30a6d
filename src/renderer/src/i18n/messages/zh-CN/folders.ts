import type { Translation } from '../../catalog-types'
import type { folders as english } from '../en/folders'

export const folders: Translation<typeof english> = {}
