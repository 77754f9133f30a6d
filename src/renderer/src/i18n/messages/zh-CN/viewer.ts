import type { Translation } from '../../catalog-types'
import type { viewer as english } from '../en/viewer'

export const viewer: Translation<typeof english> = {
  'metadata.labels': '标签',
  'metadata.noLabels': '无',
  'metadata.status': '状态',
  'metadata.dimensions': '尺寸',
  'metadata.size': '{width, number} × {height, number} 像素',
  'metadata.format': '格式',
  'metadata.fileSize': '文件大小',
  'metadata.bytes': '{count, number} 字节',
  'metadata.frame': '帧',
  'metadata.orientation': '方向',
  'metadata.added': '添加时间',
  'metadata.boxes': '框',
  'metadata.path': '路径',
  'metadata.missing': '磁盘上已找不到',
  'metadata.contentHash': '内容哈希',
  'metadata.loading': '正在加载详细信息…',
}
