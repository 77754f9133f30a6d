import type { Translation } from '../../catalog-types'
import type { JOB_TITLES as english } from '../../../../../shared/jobs/job-titles'

export const jobTitles: Translation<typeof english> = {
  importOne: '导入 {name}',
  importMany: '导入 {count, number} 个位置',
  export: '将 {format} 导出到 {path}',
  index: '为相似搜索建立索引（{model}）',
  indexAutomatic: '自动为新图像建立索引以供相似搜索（{model}）',
  prelabelChosen: '用目标检测器建议框（{count, number} 张图像）',
  prelabelUnboxed: '用目标检测器建议框（没有框的图像）',
  trainOnCrops: '用框裁剪训练分类器（{model}）',
  trainOnImages: '用{source, select, tags {图像标签} boxes {框类别} other {图像标签，否则框类别}}标注的图像训练分类器（{model}）',
  anomalyFitFiles: '学习良品的样子：“{name}”，来自 {count, number} 个文件',
  anomalyFitLabel: '学习良品的样子：“{name}”，来自标签为“{label}”的图像',
  anomalyFitChosen: '学习良品的样子：“{name}”，来自所选的 {count, number} 张图像',
  detectChosen: '用 {detector} 在 {count, number} 张图像中查找框',
  detectAll: '用 {detector} 在每张图像中查找框',
  detectorTrainClasses: '在 {classes} 上训练框检测器（{model}）',
  detectorTrainAll: '在所有框类别上训练框检测器（{model}）',
  modelDownload: '下载模型 {model}',
  mapLayout: '布局嵌入地图（{model}）',
  mapUpdate: '更新嵌入地图（{model}）',
}
