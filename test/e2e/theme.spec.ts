import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, SHARED_DATA, test } from './fixtures'

const CIFAR_MINI = join(SHARED_DATA, 'cifar10-mini')

/** theme.css's --bg of each palette and --stage-bg, as computed styles give them. */
const LIGHT_BG = 'rgb(243, 244, 246)'
const DARK_BG = 'rgb(19, 20, 23)'
const STAGE_BG = 'rgb(12, 13, 15)'
const DARK_TEXT = 'rgb(227, 229, 233)'

// The operating system asks for light; the app follows it until the person picks otherwise.
test.use({ colorScheme: 'light' })

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)

async function expectTheme(page: Page, choice: string, background: string): Promise<void> {
  await expect(page.getByTestId('theme-switch')).toHaveValue(choice)
  await expect(page.locator('html')).toHaveAttribute('data-theme', choice)
  await expect.poll(() => pageBackground(page)).toBe(background)
}

test('follows the system, switches to dark and back, keeps the choice across a reload; images stay on dark', async ({ library }) => {
  const page = library.page
  await library.importAndWait(CIFAR_MINI, { labelsFromFolders: true })
  await library.expectImageCount(300)

  await expectTheme(page, 'system', LIGHT_BG)
  // A thumbnail's letterbox stays dark in the light theme, and text over it (badges, scores) is the dark palette's.
  const thumbFrame = library.tiles.first().locator('.thumb-frame')
  await expect(thumbFrame).toHaveCSS('background-color', STAGE_BG)
  await expect(thumbFrame).toHaveCSS('color', DARK_TEXT)
  await expect(page.getByTestId('top-bar')).toHaveCSS('background-color', 'rgb(255, 255, 255)')
  await page.screenshot({ path: '/tmp/loupe-theme-light.png' })

  await page.getByTestId('theme-switch').selectOption('dark')
  await expectTheme(page, 'dark', DARK_BG)
  await expect(page.getByTestId('top-bar')).toHaveCSS('background-color', 'rgb(26, 28, 32)')
  await page.screenshot({ path: '/tmp/loupe-theme-dark.png' })

  // The stored choice is applied before the first frame is drawn: no light flash before the dark window.
  await page.addInitScript(() => {
    requestAnimationFrame(() => {
      document.documentElement.dataset.firstFrameBackground = getComputedStyle(document.documentElement).backgroundColor
    })
  })
  await page.reload()
  await library.ready()
  await expectTheme(page, 'dark', DARK_BG)
  await expect(page.locator('html')).toHaveAttribute('data-first-frame-background', DARK_BG)

  // A stored choice that cannot be read is the system's, and the app opens as usual.
  await page.evaluate(() => localStorage.setItem('loupe.theme', '{"not a choice'))
  await page.reload()
  await library.ready()
  await expectTheme(page, 'system', LIGHT_BG)

  await page.getByTestId('theme-switch').selectOption('light')
  await expectTheme(page, 'light', LIGHT_BG)
  // A fixed choice holds when the system changes its mind; "System" then follows it.
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectTheme(page, 'light', LIGHT_BG)
  await page.getByTestId('theme-switch').selectOption('system')
  await expectTheme(page, 'system', DARK_BG)
  await page.emulateMedia({ colorScheme: 'light' })
  await expectTheme(page, 'system', LIGHT_BG)

  // The annotation workspace in the light theme: light panels around a stage that stays dark.
  await library.tile(0).dblclick()
  await expect(page.getByTestId('viewer')).toBeVisible()
  await expect(page.locator('.annotate-stage')).toHaveCSS('background-color', STAGE_BG)
  await expect(page.locator('.annotate-stage')).toHaveCSS('color', DARK_TEXT)
  await expect(page.locator('.viewer-header')).toHaveCSS('background-color', 'rgb(255, 255, 255)')
  await page.screenshot({ path: '/tmp/loupe-theme-light-annotate.png' })
})
