import { joinPath } from './paths'

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
  if (location.trim() === '') return 'Choose the folder to save in.'
  if (/[\\/]/.test(name)) return 'The new folder’s name can’t contain / or \\.'
  if (name === '.' || name === '..') return 'Give the new folder a name.'
  return null
}
