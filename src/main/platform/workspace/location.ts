import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

const APP_NAME = 'Loupe'

/** Where Electron's `app.getPath('userData')` puts a "Loupe" app, worked out without Electron so the CLI agrees. */
export function userDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME)
}

export function defaultWorkspaceDir(): string {
  return join(userDataDir(), 'workspace')
}

/**
 * Where models live: once per user, shared by every workspace (a backbone is tens of megabytes and the same for all of
 * them). LOUPE_MODELS_DIR moves it, e.g. to a shared drive or, in tests, to a folder of their own.
 */
export function defaultModelsDir(env = process.env): string {
  const chosen = env.LOUPE_MODELS_DIR?.trim()
  return chosen ? resolve(chosen) : join(userDataDir(process.platform, env), 'models')
}
