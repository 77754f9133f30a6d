import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, SHARED_DATA, test } from './fixtures'

const CIFAR_MINI = join(SHARED_DATA, 'cifar10-mini')

const languageSwitch = (page: Page) => page.getByTestId('language-switch')

/** Text shown in English sentences: Latin words may appear only as data (file, label and model names, formats). */
async function englishSentencesIn(area: Locator): Promise<string[]> {
  const texts = await area.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const found: string[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? ''
      if (text && node.parentElement?.closest('[hidden], [aria-hidden="true"]') === null) found.push(text)
    }
    return found
  })
  return texts.filter((text) => /\b[A-Za-z]{3,} [a-z]{3,}\b/.test(text) && !/\p{Script=Han}/u.test(text))
}

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

    expect(await englishSentencesIn(page.locator('body'))).toEqual([])
    await page.getByTestId('viewer-close').click()

    // Every screen, and each of its tabs, in Chinese: nothing throws for a message's values, no English sentence is left.
    for (const screen of ['search', 'map', 'training', 'detector', 'anomaly']) {
      await page.getByTestId(`${screen === 'training' ? 'train' : screen}-button`).click()
      const view = page.getByTestId(`${screen}-view`)
      await expect(view).toBeVisible()
      const tabs = await view.locator(`[data-testid^="${screen}-tab-"]`).all()
      for (const tab of tabs.length > 0 ? tabs : [null]) {
        await tab?.click()
        expect({ screen, tab: await tab?.getAttribute('data-testid'), english: await englishSentencesIn(view) }).toEqual({ screen, tab: await tab?.getAttribute('data-testid'), english: [] })
      }
      await page.getByTestId(`${screen}-close`).click()
      await expect(view).toBeHidden()
    }
    for (const [button, dialog] of [['export-button', 'export-dialog'], ['import-button', 'import-dialog']] as const) {
      await page.getByTestId(button).click()
      await expect(page.getByTestId(dialog)).toBeVisible()
      expect({ dialog, english: await englishSentencesIn(page.getByTestId(dialog)) }).toEqual({ dialog, english: [] })
      await page.keyboard.press('Escape')
      await expect(page.getByTestId(dialog)).toBeHidden()
    }
    await expect(page.getByTestId('full-page-message')).toHaveCount(0)
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
