import { expect, type Locator, type Page } from '@playwright/test'
import { newestJobId, newJobRow } from './jobTray'

const IMPORT_TIMEOUT = 90_000

interface ImportOptions {
  labelsFromFolders?: boolean
  /** The folder of Pascal VOC files that go with the images. */
  vocAnnotations?: string
}

/** The library window as a person uses it, by the data-testid hooks the renderer provides. */
export class LibraryPage {
  readonly grid: Locator
  readonly tiles: Locator
  readonly imageCount: Locator
  readonly gridCount: Locator
  readonly jobRows: Locator
  readonly viewer: Locator
  readonly selectionCount: Locator

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('grid')
    this.tiles = page.getByTestId('tile')
    this.imageCount = page.getByTestId('image-count')
    this.gridCount = page.getByTestId('grid-count')
    this.jobRows = page.getByTestId('job-row')
    this.viewer = page.getByTestId('viewer')
    this.selectionCount = page.getByTestId('selection-count')
  }

  async ready(): Promise<void> {
    await expect(this.page.getByTestId('sidebar')).toBeVisible()
    await expect(this.imageCount).not.toHaveAttribute('data-count', '')
  }

  sidebarLabel(name: string): Locator {
    return this.page.locator(`[data-testid="sidebar-label"][data-label="${name}"]`)
  }

  sidebarStatus(status: string): Locator {
    return this.page.locator(`[data-testid="sidebar-status"][data-status="${status}"]`)
  }

  tile(index: number): Locator {
    return this.page.locator(`[data-testid="tile"][data-index="${index}"]`)
  }

  /**
   * Opens the in-app import dialog (the browser host has no native picker) and starts importing `path`: with labels
   * from folder names, or with the Pascal VOC files of a folder.
   */
  async startImport(path: string, options: ImportOptions = {}): Promise<void> {
    await this.page.getByTestId('import-button').click()
    const dialog = this.page.getByTestId('import-dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByTestId('import-path-input').fill(path)
    if (options.labelsFromFolders) await dialog.getByTestId('import-labels-from-folders').check()
    if (options.vocAnnotations) {
      await dialog.getByTestId('import-contents-voc').check()
      await dialog.getByTestId('import-annotations-input').fill(options.vocAnnotations)
    }
    await dialog.getByTestId('import-submit').click()
    await expect(dialog).toBeHidden()
  }

  /** The newest job row, once it has reached `state` (automatic indexing included). */
  async jobIn(state: string, timeout = IMPORT_TIMEOUT): Promise<Locator> {
    const row = this.jobRows.first()
    await expect(row).toHaveAttribute('data-job-state', state, { timeout })
    return row
  }

  /** Imports and waits for the job to finish; returns the job's result row. */
  async importAndWait(path: string, options: ImportOptions = {}): Promise<Locator> {
    const before = await newestJobId(this.page)
    await this.startImport(path, options)
    // The import's own row: indexing may start in the background as soon as it ends, and head the tray.
    const row = await newJobRow(this.page, before)
    await expect(row).toHaveAttribute('data-job-state', 'completed', { timeout: IMPORT_TIMEOUT })
    return row.getByTestId('job-result')
  }

  async expectImageCount(count: number): Promise<void> {
    await expect(this.imageCount).toHaveAttribute('data-count', String(count))
  }

  async expectGridCount(count: number): Promise<void> {
    await expect(this.gridCount).toHaveAttribute('data-count', String(count))
  }
}
