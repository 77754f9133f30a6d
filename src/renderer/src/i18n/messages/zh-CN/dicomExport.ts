import type { Translation } from '../../catalog-types'
import type { dicomExport as english } from '../en/dicomExport'

export const dicomExport: Translation<typeof english> = {
  'selectionButton.label': '导出影像…',
  'selectionButton.title': '将所选 DICOM 图像去标识化后写为 PNG 或 DICOM 文件',
  'selectionButton.scope': '所选图像',
  'seriesButton.label': '导出…',
  'seriesButton.ariaLabel': '导出 {series}…',
  'seriesButton.title': '将 {series} 导出为 PNG 或 DICOM 文件',
  'seriesButton.scope': '序列 {series}',

  'dialog.title': '导出影像',
  'dialog.failed': '导出失败：{error}',
  'dialog.exporting': '正在导出 {count, number} 张图像…',
  'dialog.done': '完成',
  'dialog.cancel': '取消',
  'dialog.submit': '导出',
  'dialog.format': '格式',
  'dialog.burnIn': '将测量绘入图像',
  'dialog.burnInHint': '层面上的长度、面积和角度及其数值，与阅片器中的显示一致。PNG 使用屏幕上的窗宽/窗位。',
  'dialog.deidentify': '去标识化（PS3.15 基本配置）',
  'dialog.pseudonym': '化名',
  'dialog.optional': '（可选）',
  'dialog.pseudonymPlaceholder': '例如 STUDY-042',
  'dialog.pseudonymHint': '写入患者姓名和患者 ID，而不是将其留空。',

  'scope.loading': '正在查找{scope}中的 DICOM 图像…',
  'scope.failed': '无法列出{scope}中的 DICOM 图像：{error}',
  'scope.none': '{scope}中的 {chosen, number} 张图像都不是 DICOM 图像：没有可导出的内容。',
  'scope.all': '导出{scope}：来自 {patients, number} 位患者、{series, number} 个序列的 {dicom, number} 张图像。',
  'scope.some':
    '{scope}中的 {chosen, number} 张图像里有 {dicom, number} 张是 DICOM 图像，来自 {patients, number} 位患者、{series, number} 个序列。其余 {left, number} 张图像不导出。',

  'form.png': '每张图像（帧）按其自身的窗宽/窗位导出为 8 位 PNG。',
  'form.dcm': '每个文件导出为 .dcm，像素数据不变；多帧文件只导出一次。',
  'form.deidentifiedHint':
    '姓名、ID、日期等标识性标签会被删除或清空，UID 会被替换。像素不作改动：烧录在图像中的文字仍会保留。PNG 不含元数据；其余标签写入每张图像旁的 JSON 文件。',
  'form.identifiedHint': '文件保留患者的姓名、ID 和日期：DICOM 文件按原样复制，PNG 以其原文件命名。',
  'form.nothing': '没有可导出的 DICOM 图像。',
  'form.pseudonymTooLong': '化名最多 {max, number} 个字符。',
  'form.frameName': '{file}（第 {frame} 帧）',

  'report.written': '已写入 {files, number} 个文件',
  'report.writtenWithSidecars': '已写入 {files, number} 个文件和 {sidecars, number} 个 JSON 附属文件',
  'report.writtenTo': '{summary}，位于 <dir></dir>',
  'report.nothingWritten': '未向 <dir></dir> 写入任何文件',
  'report.frames': '（{count, number} 帧）',
  'report.moreFiles': '以及另外 {count, number} 个文件',
  'report.notExported': '未导出：{count, number} 张图像',
  'report.image': '图像 {id}',
  'report.warnings': '分享前请检查',
}
