import type { Translation } from '../../catalog-types'
import type { transport as english } from '../en/transport'

export const transport: Translation<typeof english> = {
  needsAccessLink: '此页面需要 Loupe 启动时打印的访问链接（以 #token=… 结尾）。请改为打开该链接。',
  tooLarge: '该请求过大，Loupe 无法接受（超过 256 MiB）；请分批发送。',
  dropped: '与 Loupe 的连接在收到回复前中断。请重试。',
}
