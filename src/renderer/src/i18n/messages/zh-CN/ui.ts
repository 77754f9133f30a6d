import type { Translation } from '../../catalog-types'
import type { ui as english } from '../en/ui'

export const ui: Translation<typeof english> = {
  'dialog.close': '关闭',
  'fullWindow.close': '关闭{title} (Esc)',
  'inlineConfirm.keep': '保留',
  'labelPicker.placeholder': '标签名称',
  'labelPicker.create': '新建标签 <strong>{name}</strong>',
  'prediction.title': '预测为“{label}”，置信度 {percent}',
  'prediction.titleNotAccepted': '预测为“{label}”，置信度 {percent}（接受后才成为标签）',
  'rowActions.confirmLabel': '删除 {what}？',
  'rowActions.delete': '删除',
  'rowActions.deleteLabel': '删除 {what}',
  'rowActions.deleteTitle': '删除此版本',
  'undoRedo.undo': '撤销',
  'undoRedo.undoTitle': '撤销{scope} (Ctrl+Z)',
  'undoRedo.redo': '重做',
  'undoRedo.redoTitle': '重做{scope} (Ctrl+Shift+Z)',
}
