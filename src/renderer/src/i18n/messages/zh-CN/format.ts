import type { Translation } from '../../catalog-types'
import type { format as english } from '../en/format'

export const format: Translation<typeof english> = {
  bytes: '{count, number} 字节',
  size: '{value} {unit}',
  rate: '{rate} 项/秒',
  'eta.almostDone': '即将完成',
  'eta.seconds': '约 {seconds} 秒',
  'eta.minutes': '约 {minutes} 分钟',
  'eta.hours': '约 {hours} 小时',
  'eta.hoursMinutes': '约 {hours} 小时 {minutes} 分钟',
  'orientation.normal': '正常',
  'orientation.mirrored': '镜像',
  'orientation.rotated180': '旋转 180°',
  'orientation.mirroredRotated180': '镜像并旋转 180°',
  'orientation.mirroredRotated90Ccw': '镜像并逆时针旋转 90°',
  'orientation.rotated90Cw': '顺时针旋转 90°',
  'orientation.mirroredRotated90Cw': '镜像并顺时针旋转 90°',
  'orientation.rotated90Ccw': '逆时针旋转 90°',
  'orientation.other': 'EXIF {value}',
  'status.unlabelled': '未标注',
  'status.inProgress': '标注中',
  'status.labelled': '已标注',
  'status.reviewed': '已审核',
  'status.needsFix': '需修正',
  'series.unnamed': '序列',
  'series.unnumbered': '未编号序列',
}
