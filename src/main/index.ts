/**
 * Electron entry point. It is deliberately thin: it opens the workspace through the same plain-Node services the CLI
 * and the browser host use, and only adds what needs Electron—a locked-down window, the IPC bridge, the media
 * protocol and native dialogs. Only this file, ./shell/ and the preload may import 'electron'.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'
import { app, ipcMain, session, type BrowserWindow } from 'electron'
import { ApiError } from '../shared/api/errors'
import { openLoupe, type Loupe } from './app/loupe'
import { defaultModelsDir, defaultWorkspaceDir, userDataDir } from './platform/workspace/location'
import { APP_ENTRY_URL } from './doors/shell/app-protocol'
import { folderArg, workspaceArg } from './doors/shell/args'
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './doors/shell/csp'
import { confirmFolderAccess, pickImportPaths, showFatalError } from './doors/shell/dialogs'
import { forwardEvents, registerIpcHandlers } from './doors/shell/ipc-bridge'
import { isAppOrigin } from './doors/shell/navigation'
import { PathGrants } from './doors/shell/path-grants'
import { createPathScope } from './doors/shell/path-scope'
import { handleProtocols, registerPrivilegedSchemes } from './doors/shell/protocols'
import { devServerUrl } from './doors/shell/renderer-url'
import { applySessionPolicy, hardenAllWebContents } from './doors/shell/security'
import { createMainWindow } from './doors/shell/window'

const APP_NAME = 'Loupe'

// Before anything asks Electron for paths: the same user-data directory the CLI computes without Electron.
app.setName(APP_NAME)
app.setPath('userData', userDataDir())
registerPrivilegedSchemes()

const devRendererUrl = devServerUrl(process.env, app.isPackaged)
const entryUrl = devRendererUrl ?? APP_ENTRY_URL
const csp = devRendererUrl ? devContentSecurityPolicy(devRendererUrl) : CONTENT_SECURITY_POLICY

/** The workspace being opened or open; settles to null when it could not be opened. */
let loupe: Promise<Loupe | null> | null = null
let mainWindow: BrowserWindow | null = null
let closing: Promise<void> | null = null
let closed = false
// Folders the window may name in requests: those the person picked or allowed in native dialogs this session, and
// the home folder for listing only (the in-app folder browser starts there).
const grants = new PathGrants([homedir()])

hardenAllWebContents(app, () => entryUrl)

function fail(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`${title}: ${message}`)
  showFatalError(title, message)
  app.exit(1)
}

function openWindow(current: Loupe): void {
  const window = createMainWindow({ preload: join(import.meta.dirname, '../preload/index.cjs'), entryUrl })
  mainWindow = window
  const stopEvents = forwardEvents(current.events, window.webContents)
  window.on('closed', () => {
    stopEvents()
    if (mainWindow === window) mainWindow = null
  })
}

async function main(): Promise<void> {
  let workspaceDir: string
  let modelsDir: string
  try {
    workspaceDir = workspaceArg(process.argv) ?? defaultWorkspaceDir()
    modelsDir = folderArg(process.argv, 'models') ?? defaultModelsDir()
  } catch (error) {
    fail('Loupe cannot start', error)
    return
  }

  let openError: unknown
  // A packaged build skips checking replies against the contract; development builds check every one.
  const validateReplies = !app.isPackaged
  const shell = {
    pickImportPaths: async () => {
      const paths = await pickImportPaths(mainWindow)
      for (const path of paths) await grants.grant(path)
      return paths
    },
  }
  loupe = openLoupe({ workspaceDir, modelsDir, validateReplies, shell, indexAutomatically: true }).catch(
    (error: unknown) => {
      openError = error
      return null
    },
  )
  await app.whenReady()
  const opened = await loupe
  if (!opened) {
    fail(openError instanceof ApiError ? 'Loupe cannot open this workspace' : 'Loupe could not start', openError)
    return
  }
  if (closing) return // asked to quit while the workspace was opening

  applySessionPolicy(session.defaultSession, csp)
  handleProtocols({ rendererRoot: join(import.meta.dirname, '../renderer'), csp, media: opened.media })
  registerIpcHandlers(ipcMain, opened.dispatcher, {
    isTrustedSender: (url) => isAppOrigin(url, entryUrl),
    authorize: createPathScope({ grants, confirm: (path, purpose) => confirmFolderAccess(mainWindow, path, purpose) }),
  })
  openWindow(opened)
}

app.on('window-all-closed', () => app.quit())

// Close the workspace (jobs checkpointed, catalogue closed, lock released) before the process goes.
app.on('before-quit', (event) => {
  if (!loupe || closed) return
  event.preventDefault()
  const pending = loupe
  closing ??= pending
    .then((opened) => opened?.close())
    .catch((error: unknown) => console.error('Closing the workspace failed:', error))
    .finally(() => {
      closed = true
      app.quit()
    })
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit())

main().catch((error: unknown) => fail('Loupe could not start', error))
