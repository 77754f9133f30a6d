import { expect, test } from './fixtures'
import { connectApi } from './hostApi'
import { largeJpegFolder } from './largeFolder'

const TOTAL = 400

test('an import can be cancelled part-way and resumed to completion', async ({ library, host }) => {
  test.setTimeout(240_000)
  const folder = await largeJpegFolder(TOTAL)
  await library.startImport(folder)

  const job = library.jobRows.first()
  await expect(job).toHaveAttribute('data-job-state', 'running')
  await expect(job.getByTestId('job-progress')).toBeVisible()
  await job.getByTestId('job-cancel').click()
  await expect(job).toHaveAttribute('data-job-state', 'cancelled')
  await expect(job.getByTestId('job-resume')).toBeVisible()

  // A job is marked cancelled only once its import has stopped, so what the catalogue holds now is final: short of
  // the total, and what the page comes to show.
  const api = await connectApi(host.url)
  try {
    const afterCancel = (await api.api.catalog.stats({})).images
    expect(afterCancel).toBeLessThan(TOTAL)
    await library.expectImageCount(afterCancel)
    expect((await api.api.catalog.stats({})).images).toBe(afterCancel)
  } finally {
    api.close()
  }

  await job.getByTestId('job-resume').click()
  const resumed = await library.jobIn('completed', 180_000)
  await expect(resumed.getByTestId('job-result')).toBeVisible()
  await library.expectImageCount(TOTAL)
  await library.expectGridCount(TOTAL)
})
