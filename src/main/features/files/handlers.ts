import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import { browseFolder } from './browse'
import { previewImageFile } from './preview'

export function fileHandlers(): LoupeHandlers['files'] {
  return {
    browse: ({ dir }) => browseFolder(dir === undefined ? undefined : requireAbsolute(dir, 'folder to browse')),
    preview: ({ path }) => previewImageFile(requireAbsolute(path, 'image path')),
  }
}
