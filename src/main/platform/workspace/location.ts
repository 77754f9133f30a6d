import { homedir } from 'node:os'
import { join } from 'node:path'

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
