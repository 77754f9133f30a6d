import { BrowserWindow } from 'electron'

export interface MainWindowOptions {
  /** Absolute path of the built, CommonJS preload script. */
  preload: string
  /** The page to load: the app scheme's index.html, or the dev server's URL. */
  entryUrl: string
}

/** The one Loupe window, locked down: isolated, sandboxed, no Node in the page, web security on. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Loupe',
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Loupe window's renderer exited (${details.reason}, code ${details.exitCode}).`)
  })
  void window.loadURL(options.entryUrl)
  return window
}
