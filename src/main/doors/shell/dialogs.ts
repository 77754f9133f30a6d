import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'bmp', 'gif']

/**
 * The native picker for what to import: files, folders or several of either. (Windows and Linux cannot mix the two in
 * one dialog; there it picks folders, the common case.) An empty list when cancelled.
 */
export async function pickImportPaths(parent: BrowserWindow | null): Promise<string[]> {
  const options: OpenDialogOptions = {
    title: 'Import images',
    buttonLabel: 'Import',
    properties: ['openDirectory', 'openFile', 'multiSelections'],
    filters: [
      { name: 'Images', extensions: IMAGE_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  }
  const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

/** A blocking error box, usable before the app is ready; for failures that end the app. */
export function showFatalError(title: string, message: string): void {
  dialog.showErrorBox(title, message)
}
