import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, SHARED_DATA, test } from './fixtures'

const CIFAR_MINI = join(SHARED_DATA, 'cifar10-mini')

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

test.describe('a Chinese library', () => {
  test.use({ locale: 'zh-CN' })

  test('counts, review statuses, dates and sizes read the Chinese way, and every visible text is Chinese or data', async ({ library }) => {
    const page = library.page
    await library.importAndWait(CIFAR_MINI, { labelsFromFolders: true })
    await library.expectImageCount(300)
    await expect(library.imageCount).toHaveText('300 张图像')
    await expect(page.locator('[data-testid="sidebar-status"][data-status="unlabelled"]')).toContainText('未标注')

    await library.tile(0).dblclick()
    const metadata = page.getByTestId('viewer-metadata')
    // 2026年12月7日 10:25: the date in Chinese order, whatever the day.
    await expect(metadata.getByTestId('meta-added')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    await expect(metadata.getByTestId('meta-bytes')).toHaveText(/^[\d.,]+ (KB|字节)$/)
    await expect(metadata.getByTestId('meta-status')).toContainText('未标注')
    await page.screenshot({ path: '/tmp/loupe-zh-workspace.png' })

    // No English sentence is left on the screen: Latin words appear only in data (file and label names, formats).
    const texts = await page.locator('body').evaluate((body) => {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
      const found: string[] = []
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? ''
        if (text && node.parentElement?.closest('[hidden], [aria-hidden="true"]') === null) found.push(text)
      }
      return found
    })
    const englishSentences = texts.filter((text) => /\b[A-Za-z]{3,} [a-z]{3,}\b/.test(text) && !/\p{Script=Han}/u.test(text))
    expect(englishSentences).toEqual([])
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
