import type { Translation } from '../../catalog-types'
import type { i18n as english } from '../en/i18n'

export const i18n: Translation<typeof english> = {
  'switch.label': '语言',
  'switch.title': '窗口的语言；“跟随系统”即使用操作系统的语言',
  'switch.system': '跟随系统',
}
