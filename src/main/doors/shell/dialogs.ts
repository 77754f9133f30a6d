import { statSync } from 'node:fs'
import { dialog, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions } from 'electron'

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

/**
 * Asks whether Loupe may use a folder the window named itself (typed, or picked in the in-app browser). Native, so
 * the page can neither draw nor answer it; Cancel is the default, so a stray Enter does not allow anything.
 */
export async function confirmFolderAccess(parent: BrowserWindow | null, path: string, purpose: string): Promise<boolean> {
  // A model can be a single file (.onnx, .tflite): the question names what the person chose.
  const file = statSync(path, { throwIfNoEntry: false })?.isFile() === true
  const options: MessageBoxOptions = {
    type: 'question',
    title: file ? 'Allow access to a file?' : 'Allow access to a folder?',
    message: `Allow Loupe to ${purpose} this ${file ? 'file' : 'folder'}?`,
    detail: file ? `${path}\n\nLoupe may then read it until it quits.` : `${path}\n\nLoupe may then use it, and the folders inside it, until it quits.`,
    buttons: ['Cancel', 'Allow'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
  const result = parent && !parent.isDestroyed() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
  return result.response === 1
}

/** A blocking error box, usable before the app is ready; for failures that end the app. */
export function showFatalError(title: string, message: string): void {
  dialog.showErrorBox(title, message)
}
