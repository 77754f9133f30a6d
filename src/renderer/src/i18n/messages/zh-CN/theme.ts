import type { Translation } from '../../catalog-types'
import type { theme as english } from '../en/theme'

export const theme: Translation<typeof english> = {
  'switch.label': '主题',
  'switch.title': '浅色或深色窗口；“跟随系统”使用操作系统的设置',
  'choice.system': '跟随系统',
  'choice.light': '浅色',
  'choice.dark': '深色',
}
