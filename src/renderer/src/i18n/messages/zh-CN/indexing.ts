import type { Translation } from '../../catalog-types'
import type { indexing as english } from '../en/indexing'

export const indexing: Translation<typeof english> = {
  indexed: '已索引 {count, number} 张',
  pending: '待索引 {count, number} 张',
  countsTitle: '可供相似搜索和分类器使用的图像，以及尚待建立索引的图像',
  progressLabel: '正在建立索引',
  progressTitle: '正在建立索引：{done, number} / {total, number}',
  waiting: '等待中',
  waitingTitle: '你启动的任务完成后，将继续建立索引',
  getModel: '获取模型…',
  resume: '继续建立索引',
  resumeTitle: '重新在后台为新图像建立索引',
  pause: '暂停',
  pauseTitle: '暂时停止建立索引：新图像将等待，且在继续之前不会出现在搜索中',
}
