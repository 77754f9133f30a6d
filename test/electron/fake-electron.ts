import { vi } from 'vitest'

/**
 * A recording stand-in for the parts of the 'electron' module the shell uses, so src/main/index.ts can run in plain
 * Node under vitest (`vi.mock('electron', () => fake.module)`).
 */
type Listener = (...args: any[]) => unknown

class Emitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener)
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args)
  }
}

export class FakeWebContents extends Emitter {
  readonly sent: Array<{ channel: string; message: unknown }> = []
  windowOpenHandler: ((details: unknown) => unknown) | null = null
  destroyed = false
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  setWindowOpenHandler(handler: (details: unknown) => unknown): void {
    this.windowOpenHandler = handler
  }
}

export class FakeBrowserWindow extends Emitter {
  static readonly created: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loadedUrl: string | null = null
  constructor(readonly options: Record<string, any>) {
    super()
    FakeBrowserWindow.created.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show(): void {}
  isDestroyed(): boolean {
    return false
  }
}

function createFake() {
  const order: string[] = []
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    ready: false,
    setName: vi.fn(),
    setPath: vi.fn(),
    whenReady: vi.fn(async () => {
      order.push('whenReady')
      app.ready = true
    }),
    quit: vi.fn(),
    exit: vi.fn(),
  })
  const ipcHandlers = new Map<string, Listener>()
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>()
  const session = {
    headersListener: null as Listener | null,
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    webRequest: {
      onHeadersReceived: vi.fn((listener: Listener) => {
        session.headersListener = listener
      }),
    },
    setPermissionRequestHandler: vi.fn((handler: Listener) => {
      session.permissionRequestHandler = handler
    }),
    setPermissionCheckHandler: vi.fn((handler: Listener) => {
      session.permissionCheckHandler = handler
    }),
    setDevicePermissionHandler: vi.fn(),
  }
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, listener: Listener) => {
        ipcHandlers.set(channel, listener)
      }),
      removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => {
        order.push('registerSchemesAsPrivileged')
      }),
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
        protocolHandlers.set(scheme, handler)
      }),
    },
    session: { defaultSession: session },
    dialog: {
      showErrorBox: vi.fn(),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
      // 0 is Cancel in every question Loupe asks.
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
    },
  }
  return { module, app, session, order, ipcHandlers, protocolHandlers, windows: FakeBrowserWindow.created }
}

export const fake = createFake()
