import { joinPath } from './paths'
import { t } from '../i18n/t'

/** Where an export goes: a folder to save in, and a new folder made there (none: write into the folder itself). */
export interface NewFolderChoice {
  location: string
  folderName: string
}

/** The folder written to, or null while no location is chosen. */
export function newFolderTarget({ location, folderName }: NewFolderChoice): string | null {
  return location.trim() === '' ? null : joinPath(location.trim(), folderName.trim())
}

/** Why the choice can't be used yet, or null when it can. */
export function newFolderProblem({ location, folderName }: NewFolderChoice): string | null {
  const name = folderName.trim()
  if (location.trim() === '') return t('folders.problem.noLocation')
  if (/[\\/]/.test(name)) return t('folders.problem.slash')
  if (name === '.' || name === '..') return t('folders.problem.noName')
  return null
}
