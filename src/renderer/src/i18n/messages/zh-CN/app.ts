import type { Translation } from '../../catalog-types'
import type { app as english } from '../en/app'

export const app: Translation<typeof english> = {
  'connection.failed': 'Loupe 无法连接',

  imageCount: '{count, number} 张图像',
  import: '导入',
  'search.button': '搜索…',
  'search.title': '查找外观相似的图像和近似重复的图像',
  'search.empty': '还没有可搜索的内容：请先导入图像',
  'train.button': '训练…',
  'train.title': '用标签训练分类器、评估其版本、用检测器预标注',
  'train.empty': '还没有可训练的内容：请先导入图像',
  'detector.button': '检测器…',
  'detector.title': '用你自己的框训练框检测器、评估其版本，并在整个图库中查找框',
  'detector.empty': '还没有可检测的内容：请先导入图像',
  'anomaly.button': '异常…',
  'anomaly.title': '学习良品的样子，找出异常品，管理异常模型及其阈值',
  'anomaly.empty': '还没有可检查的内容：请先导入图像',
  'export.button': '导出…',
  'export.title': '将图库导出为 COCO、YOLO、Pascal VOC 或文件夹',
  'export.empty': '还没有可导出的内容：请先导入图像',
}
