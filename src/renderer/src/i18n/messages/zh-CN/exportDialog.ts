import type { Translation } from '../../catalog-types'
import type { exportDialog as english } from '../en/exportDialog'

export const exportDialog: Translation<typeof english> = {
  title: '导出数据集',
  cancel: '取消',
  starting: '正在开始…',
  export: '导出',
  format: '格式',

  'scope.label': '哪些图像',
  'scope.all': '全部图像',
  'scope.allHolds': '图库中的每张图像。',
  'scope.allHoldsCount': '图库中的全部 {count, number} 张图像。',
  'scope.selected': '所选图像',
  'scope.selectedCount': '所选的 {count, number} 张图像',
  'scope.selectedHolds': '即图库中所选的图像。',
  'scope.nothingSelected': '图库中未选择任何图像。',
  'scope.filter': '符合筛选条件的图像',
  'scope.filterHolds': '{description}。',
  'scope.filterHoldsCount': '{description}（{count, number} 张图像）。',
  'scope.noFilter': '图库显示的是全部图像。',
  'scope.hint': '导出这些图像的框、标记和标签，包含所有类别。',

  'formats.coco': 'COCO JSON',
  'formats.cocoHolds': '框、多边形、掩码和类别保存在一个 annotations.json 中。',
  'formats.yolo': 'YOLO',
  'formats.yoloHolds': '每张图像一个 .txt 存放框，另附 classes.txt 和 data.yaml。',
  'formats.yoloSeg': 'YOLO 分割',
  'formats.yoloSegHolds': '每个对象写为多边形，每张图像一个 .txt，另附 classes.txt 和 data.yaml。',
  'formats.voc': 'Pascal VOC',
  'formats.vocHolds': '每张图像一个 .xml 存放框，位于 Annotations/ 下。',
  'formats.folders': '每类一个文件夹',
  'formats.foldersHolds': '图像标签：每个类别一个文件夹，存放其图像。',

  losses: '此格式无法保存的内容',

  'images.label': '图像',
  'images.none': '不包含',
  'images.noneHint': '仅导出标注；标注按文件名指向图像。',
  'images.copy': '复制',
  'images.copyHint': '独立完整的数据集：每张图像都会复制进来，再占用同样多的磁盘空间。',
  'images.link': '硬链接',
  'images.linkHint': '看起来像副本，但不占用额外空间；磁盘无法链接时改为复制。',
  'images.folderPerClass': '“每类一个文件夹”由图像文件本身组成，因此会复制（或硬链接）图像。',

  'split.label': '划分为训练集、验证集和测试集',
  'split.hint': '每个类别单独划分，因此每个部分都能分到每个类别的相应份额；相同的种子得到相同的划分。',
  'split.unavailable': '“每类一个文件夹”不支持划分；如需划分，请选择 COCO、YOLO 或 Pascal VOC。',
  'split.train': '训练',
  'split.val': '验证',
  'split.test': '测试',
  'split.seed': '种子',
  'split.notPercentages': '请以百分比填写训练、验证和测试的份额，例如 70、20 和 10。',
  'split.notHundred': '训练、验证和测试的份额合计为 {sum, number}%；请使其合计为 100%。',
  'split.noTrain': '训练份额必须大于 0%。',
  'split.badSeed': '种子须为 0 到 4294967295 之间的整数。',
  'loss.boxes':
    '{count, number} 个框无法在此格式中表示',
  'loss.imageTags':
    '{count, number} 个图像标签无法在此格式中表示',
  'loss.crowd':
    '{count, number} 个人群区域将作为普通对象写出（此格式没有 crowd 标记）',
  'loss.cocoArea':
    '{count, number} 个保存的 COCO 面积无法在此格式中表示',
  'loss.vocFlags':
    '{count, number} 个带 difficult/truncated/pose 的框无法在此格式中表示',
  'loss.polygonsAsBoxes':
    '{count, number} 个多边形将作为框写出',
  'loss.polygonsAsMasks':
    '{count, number} 个多边形将作为掩码（像素）写出',
  'loss.masksAsBoxes':
    '{count, number} 个掩码将作为框写出',
  'loss.boxesAsPolygons':
    '{count, number} 个没有形状的框将作为矩形多边形写出',
  'loss.polygonsInParts':
    '{count, number} 个由多个多边形组成的对象将按每个多边形一行写出（读回时成为多个对象）',
  'loss.datasetFields':
    '来自 COCO 源的 {count, number} 个数据集或类别字段（info、licenses、supercategory…）无法在此格式中表示',
  'loss.imageFields':
    '{count, number} 张图像的源字段（COCO 的 license、coco_url…）无法在此格式中表示',
  'loss.objectFields':
    '{count, number} 个对象的源字段（Loupe 不使用的 COCO 键）无法在此格式中表示',
  'loss.dicom':
    '{count, number} 个 DICOM 引用（检查、序列和实例 UID，帧号）无法在此格式中表示',
  'loss.unlabelledBoxes':
    '{count, number} 个没有标签的框已被排除',
}
