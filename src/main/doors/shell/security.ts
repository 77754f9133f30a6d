import type { App, Session, WebContents } from 'electron'
import { isSameDocument } from './navigation'

/**
 * Session-wide rules: every response carries the Content-Security-Policy (this covers the dev server; the app scheme
 * sets it itself as well), and every permission a page could ask for—camera, notifications, geolocation, HID, …—is
 * refused without asking the user.
 */
export function applySessionPolicy(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value
    }
    responseHeaders['Content-Security-Policy'] = [csp]
    callback({ responseHeaders })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

/**
 * Rules for every web contents the app ever creates: no new windows, no <webview>, and no navigation away from the
 * page the window was opened on.
 */
export function hardenAllWebContents(app: App, entryUrlOf: (contents: WebContents) => string | undefined): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-attach-webview', (event) => event.preventDefault())
    const guard = (event: { preventDefault(): void }, url: string) => {
      const entry = entryUrlOf(contents)
      if (!entry || !isSameDocument(url, entry)) event.preventDefault()
    }
    contents.on('will-navigate', guard)
    contents.on('will-redirect', guard)
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) guard(event, event.url)
    })
  })
}
