import type { Translation } from '../../catalog-types'
import type { jobs as english } from '../en/jobs'

export const jobs: Translation<typeof english> = {
  'bar.label': '后台任务',

  'state.queued': '等待中',
  'state.running': '运行中',
  'state.completed': '已完成',
  'state.failed': '失败',
  'state.cancelled': '已取消',
  'state.interrupted': '已中断',
  'state.paused': '已暂停',

  'row.measuring': '正在测速…',
  'row.pause': '暂停',
  'row.pauseTitle': '暂停自动建立索引：新图像将等待，且在继续之前不会出现在搜索中',
  'row.cancel': '取消',
  'row.resume': '继续',
  'row.dismiss': '关闭',
  stoppedEarly: '在第 {epoch, number} 轮早停（最佳为第 {best, number} 轮）',

  'error.show': '显示全部问题 ▾',
  'error.hide': '隐藏问题 ▴',

  'finished.count': '{count, number} 个已结束',
  'finished.show': '显示',
  'finished.hide': '隐藏',
  'finished.clear': '清除',
  'finished.clearTitle': '关闭所有已结束的任务',

  'export.images': '<strong>{count, number}</strong> 张图像',
  'export.boxes': '<strong>{count, number}</strong> 个框',
  'export.split': '划分：训练 {train, number} · 验证 {val, number} · 测试 {test, number}',
  'export.warnings': '{count, number} 条警告',
  'export.writtenTo': '已写入',
  'export.folder': '导出文件夹',
  'export.copyPath': '复制路径',
  'export.copied': '已复制',

  'import.added': '已添加 <strong>{count, number}</strong> 张',
  'import.duplicates': '跳过 {count, number} 张重复图像',
  'import.relinked': '重新关联 {count, number} 张',
  'import.failed': '{count, number} 个文件失败 {arrow}',

  'format.coco': 'COCO',
  'format.yolo': 'YOLO',
  'format.voc': 'Pascal VOC',
  'format.folders': '每类一个文件夹',

  'annotations.boxes': '<strong>{count, number}</strong> 个框',
  'annotations.tags': '<strong>{count, number}</strong> 个标记',
  'annotations.classes': '<strong>{count, number}</strong> 个类别',
  'annotations.matched': '匹配 {count, number} 张图像',
  'annotations.skipped': '跳过 {count, number} 个条目 {arrow}',
  'annotations.skippedListed': '跳过 {count, number} 个条目（列出前 {listed, number} 个）{arrow}',
}
