import { expect, test } from './fixtures'
import { largeJpegFolder } from './largeFolder'

const TOTAL = 400

test('an import can be cancelled part-way and resumed to completion', async ({ library }) => {
  test.setTimeout(240_000)
  const folder = await largeJpegFolder(TOTAL)
  await library.startImport(folder)

  const job = library.jobRows.first()
  await expect(job).toHaveAttribute('data-job-state', 'running')
  await expect(job.getByTestId('job-progress')).toBeVisible()
  await job.getByTestId('job-cancel').click()
  await expect(job).toHaveAttribute('data-job-state', 'cancelled')
  await expect(job.getByTestId('job-resume')).toBeVisible()

  // Once cancelled, nothing more arrives: after the last refresh the count stays put, short of the total.
  await library.page.waitForTimeout(1_000)
  const afterCancel = await library.countFromAttribute(library.imageCount)
  expect(afterCancel).toBeLessThan(TOTAL)
  await library.page.waitForTimeout(2_000)
  await library.expectImageCount(afterCancel)

  await job.getByTestId('job-resume').click()
  const resumed = await library.jobIn('completed', 180_000)
  await expect(resumed.getByTestId('job-result')).toBeVisible()
  await library.expectImageCount(TOTAL)
  await library.expectGridCount(TOTAL)
})
