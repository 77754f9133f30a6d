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

/** Whether a URL belongs to the app's own origin: IPC from any other page is refused. */
export function isAppOrigin(url: string, entry: string): boolean {
  try {
    const a = new URL(url)
    const b = new URL(entry)
    // Opaque origins ("null", e.g. file: or about:blank) never match.
    return a.origin !== 'null' && a.origin === b.origin
  } catch {
    return false
  }
}
