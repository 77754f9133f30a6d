/**
 * Whether `target` is the page the window was opened on, give or take a fragment: the only navigation the window
 * accepts (a hash-routed renderer changes only the fragment). Everything else—links, redirects, dropped files—is
 * refused.
 */
export function isSameDocument(target: string, entry: string): boolean {
  const a = parse(target)
  const b = parse(entry)
  return a !== null && b !== null && a === b
}

function parse(url: string): string | null {
  try {
    const parsed = new URL(url)
    parsed.hash = ''
    return parsed.href
  } catch {
    return null
  }
}

/**
 * Whether a URL belongs to the app's own origin (scheme, host and port): IPC from any other page is refused. Compared
 * by parts because Node's URL gives custom schemes such as loupe-app: an opaque "null" origin, where Chromium, which
 * knows the scheme is standard, gives them a real one. URLs without a host (file:, about:blank, data:) never match.
 */
export function isAppOrigin(url: string, entry: string): boolean {
  try {
    const a = new URL(url)
    const b = new URL(entry)
    return a.host !== '' && a.protocol === b.protocol && a.host === b.host
  } catch {
    return false
  }
}
