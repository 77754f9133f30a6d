import { join } from 'node:path'
import type { WebSocketRoute } from '@playwright/test'
import { expect, SHARED_DATA, test } from './fixtures'
import { LibraryPage } from './libraryPage'

const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')

test('a reload keeps working although the token has left the address bar', async ({ library }) => {
  await library.importAndWait(COCO_IMAGES)
  expect(library.page.url()).not.toContain('token=')
  await library.page.reload()
  await library.ready()
  await library.expectImageCount(128)
  // Thumbnails load too: the media URLs carry the token remembered for this tab.
  const thumbnail = library.tile(0).locator('img')
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
})

test('when the connection drops, the page reconnects and events keep arriving', async ({ page, host }) => {
  const sockets: WebSocketRoute[] = []
  await page.routeWebSocket(/\/api\?token=/, (socket) => {
    socket.connectToServer()
    sockets.push(socket)
  })
  await page.goto(host.url)
  const library = new LibraryPage(page)
  await library.ready()

  await sockets[0]!.close()
  await expect.poll(() => sockets.length).toBe(2)

  // The import's progress and the catalogue changes reach the page over the new connection.
  const result = await library.importAndWait(COCO_IMAGES)
  await expect(result).toHaveAttribute('data-added', '128')
  await library.expectImageCount(128)
  await expect(page.getByTestId('connection-banner')).toBeHidden()
})
