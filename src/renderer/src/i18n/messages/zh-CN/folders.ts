import type { Translation } from '../../catalog-types'
import type { folders as english } from '../en/folders'

export const folders: Translation<typeof english> = {
  parent: '上级文件夹',
  loading: '正在加载…',

  'empty.images': '此文件夹为空。',
  'empty.json': '这里没有文件夹或 JSON 文件。',
  'empty.models': '这里没有文件夹或模型文件（.onnx、.tflite）。',
  'empty.none': '这里没有文件夹。',

  'footer.folders': '{folders, number} 个文件夹',
  'footer.images': '{folders, number} 个文件夹 · {files, number} 张图像',
  'footer.json': '{folders, number} 个文件夹 · {files, number} 个 JSON 文件',
  'footer.models': '{folders, number} 个文件夹 · {files, number} 个模型文件',
  'footer.firstListed': '（仅列出前 {count, number} 个）',

  'newFolder.saveIn': '保存位置',
  'newFolder.name': '新文件夹',
  'newFolder.locationPlaceholder': '/path/to/folder',
  'newFolder.namePlaceholder': '（直接写入“保存位置”）',
  'newFolder.chooseLocation': '请选择文件的存放位置。',
  'newFolder.writesNew': '将新建文件夹：',
  'newFolder.writesInto': '将写入：',
  'newFolder.writesIntoEmpty': '将写入（必须为空）：',

  'problem.noLocation': '请选择保存位置。',
  'problem.slash': '新文件夹的名称不能包含 / 或 \\。',
  'problem.noName': '请为新文件夹命名。',
}
