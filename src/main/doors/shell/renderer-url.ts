const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The dev server the window loads instead of the built renderer, from ELECTRON_RENDERER_URL (set by electron-vite
 * dev). Only a development build honours it, and only for an http(s) server on this machine: the window is trusted
 * with the whole API, so an environment variable must never point a packaged app's window at someone else's page.
 */
export function devServerUrl(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
  warn: (message: string) => void = console.warn,
): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL
  if (!raw) return undefined
  if (isPackaged) {
    warn('Ignoring ELECTRON_RENDERER_URL: a packaged Loupe always shows its own built pages.')
    return undefined
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    warn(`Ignoring ELECTRON_RENDERER_URL="${raw}": it is not a URL.`)
    return undefined
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    warn(`Ignoring ELECTRON_RENDERER_URL="${raw}": the dev server must be an http(s) server on this machine.`)
    return undefined
  }
  return raw
}
