import { defineConfig } from '@playwright/test'

/**
 * Browser end-to-end tests run the built renderer against the real Node host in Debian's Chromium (this machine is
 * offline, so Playwright must never try to download its own browser). Electron tests live beside them.
 */
export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.e2e.ts'],
  workers: 1,
  // One retry on CI: a library spec once lost its host's WebSocket on a heavily loaded run (see the session notes);
  // a test that fails twice still fails the build.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    viewport: { width: 1440, height: 900 },
    // The app speaks the system's language; the specs read English unless they ask for another (language.spec.ts).
    locale: 'en-US',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
