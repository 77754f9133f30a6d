import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const languageSwitch = (page: Page) => page.getByTestId('language-switch')

test.describe('on a system that reads Chinese', () => {
  test.use({ locale: 'zh-CN' })

  test('opens in Simplified Chinese, switches to English and back, and keeps the choice across a reload', async ({ library }) => {
    const page = library.page
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expect(languageSwitch(page)).toHaveValue('system')
    await expect(languageSwitch(page)).toHaveAttribute('aria-label', '语言')
    await expect(page.getByTestId('theme-switch').locator('option[value="dark"]')).toHaveText('深色')

    // A change of language reloads the window into it.
    await languageSwitch(page).selectOption('en')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await library.ready()
    await expect(languageSwitch(page)).toHaveValue('en')
    await expect(languageSwitch(page)).toHaveAttribute('aria-label', 'Language')
    await expect(page.getByTestId('theme-switch').locator('option[value="dark"]')).toHaveText('Dark')

    await page.reload()
    await library.ready()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')

    // Back to the system's language.
    await languageSwitch(page).selectOption('system')
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await library.ready()
    await expect(languageSwitch(page)).toHaveAttribute('aria-label', '语言')
  })
})

test('an unreadable stored choice is the system’s language, and the app opens as usual', async ({ library }) => {
  const page = library.page
  await page.evaluate(() => localStorage.setItem('loupe.language', '{"not a language'))
  await page.reload()
  await library.ready()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(languageSwitch(page)).toHaveValue('system')
})
