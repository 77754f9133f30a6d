import type { Translation } from '../../catalog-types'
import type { feedback as english } from '../en/feedback'

export const feedback: Translation<typeof english> = {
  'connection.connecting': '正在连接 Loupe…',
  'connection.lost': '连接已断开，正在重新连接…',
  'crash.title': '此窗口出现错误',
  'crash.reload': '重新加载 Loupe',
  'toast.dismiss': '关闭',
}
