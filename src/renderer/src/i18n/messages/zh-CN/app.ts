import type { Translation } from '../../catalog-types'
import type { app as english } from '../en/app'

export const app: Translation<typeof english> = {
  'connection.failed': 'Loupe 无法连接',
}
