import { rm } from 'node:fs/promises'
import { expect, test } from './fixtures'
import { connectApi } from './hostApi'
import { cifarSubset, importedAndIndexed } from './mapSetup'

// A browser of its own for this file: Chromium with WebGL turned off, as on a machine whose driver is blocked.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-webgl', '--no-first-run'],
  },
})

test('without WebGL the map says so instead of showing an empty box', async ({ library, host }) => {
  const page = library.page
  const api = await connectApi(host.url)
  const folder = await cifarSubset()
  try {
    await importedAndIndexed(api, folder)
    await api.completed((await api.api.map.compute({})).id)
    await page.getByTestId('map-button').click()
    await expect(page.getByTestId('map-no-webgl')).toContainText('WebGL')
    await expect(page.getByTestId('map-canvas')).toBeHidden()
  } finally {
    api.close()
    await rm(folder, { recursive: true, force: true })
  }
})
