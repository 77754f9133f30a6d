import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeJpeg } from '../support/images'
import { expect, test } from './fixtures'

let scratch = ''

test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-job-tray-'))
})

test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

test('finished jobs fold into one line that opens and clears, and names sort naturally', async ({ library }) => {
  const page = library.page
  // One import per folder, so three jobs finish one after another.
  const names = ['crazing_10.jpg', 'crazing_2.jpg', 'crazing_1.jpg']
  for (const [index, name] of names.entries()) {
    const folder = join(scratch, `batch-${index}`)
    await writeJpeg(join(folder, name), index + 1, 64, 48)
    await library.importAndWait(folder)
  }
  await library.expectImageCount(3)

  // The last to finish keeps its row and result; the two before it take one line between them.
  const finished = page.getByTestId('job-finished')
  await expect(library.jobRows).toHaveCount(1)
  await expect(library.jobRows.first().getByTestId('job-result')).toHaveAttribute('data-added', '1')
  await expect(finished).toHaveAttribute('data-count', '2')
  await expect(finished.getByTestId('job-finished-count')).toHaveText('2 finished')
  await page.getByTestId('job-bar').screenshot({ path: '/tmp/loupe-job-tray-folded.png' })

  await finished.getByTestId('job-finished-toggle').click()
  await expect(finished.getByTestId('job-row')).toHaveCount(2)
  await expect(library.jobRows).toHaveCount(3)
  await finished.getByTestId('job-finished-toggle').click()
  await expect(library.jobRows).toHaveCount(1)

  await finished.getByTestId('job-finished-clear').click()
  await expect(page.getByTestId('job-bar')).toBeHidden()

  await page.getByTestId('sort-field').selectOption('name')
  await expect(library.tile(0)).toHaveAttribute('title', 'crazing_1.jpg')
  await expect(library.tile(1)).toHaveAttribute('title', 'crazing_2.jpg')
  await expect(library.tile(2)).toHaveAttribute('title', 'crazing_10.jpg')
})
