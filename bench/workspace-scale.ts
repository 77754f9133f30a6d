import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openLoupe, type Loupe } from '../src/main/app/loupe'
import type { ImageSort, ListImagesRequest } from '../src/shared/api/schemas'
import { result, sampleMs, timeMs, type BenchResult } from './stats'
import type { SyntheticCatalog } from './synthetic-catalog'

const PAGE_SIZE = 200
const SORTS: readonly ImageSort[] = ['added', 'name', 'size']

/**
 * Opening and closing a large workspace, as a user does when starting the app. `openLoupe` takes the workspace lock,
 * so each run closes before the next starts. One unrecorded run first, so the figure is not the first open after
 * the catalogue was built.
 */
export async function benchOpenClose(dir: string, catalog: SyntheticCatalog, runs: number): Promise<BenchResult[]> {
  const opens: number[] = []
  const closes: number[] = []
  for (let run = 0; run <= runs; run++) {
    let loupe: Loupe | undefined
    const openMs = await timeMs(async () => (loupe = await openLoupe({ workspaceDir: dir })))
    const closeMs = await timeMs(() => loupe!.close())
    if (run === 0) continue
    opens.push(openMs)
    closes.push(closeMs)
  }
  const size = count(catalog.images)
  return [
    result({ id: 'workspace.open', name: `open workspace (${size} images)`, unit: 'ms' }, opens),
    result({ id: 'workspace.close', name: `close workspace (${size} images)`, unit: 'ms' }, closes),
    result(
      { id: 'workspace.openClose', name: `open + close workspace (${size} images)`, unit: 'ms' },
      opens.map((open, i) => open + closes[i]!),
    ),
  ]
}

/**
 * One grid page (200 rows) through the dispatcher, so request validation counts too: at the start, middle and end
 * of each sort order, unfiltered and filtered by label.
 */
export async function benchGridPages(
  loupe: Loupe,
  catalog: SyntheticCatalog,
  filterLabels: readonly string[],
  runs: number,
): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const filters = [
    { key: 'all', title: 'all', filter: {}, total: catalog.images },
    ...filterLabels.map((label) => ({
      key: `label-${label}`,
      title: `label=${label}`,
      filter: { label },
      total: catalog.labelCounts[label] ?? 0,
    })),
  ]
  for (const { key, title, filter, total } of filters) {
    for (const sort of SORTS) {
      const positions = { start: 0, middle: Math.floor(total / 2), end: Math.max(0, total - PAGE_SIZE) }
      for (const [position, offset] of Object.entries(positions)) {
        const request: ListImagesRequest = { filter, sort, offset, limit: PAGE_SIZE }
        const expected = Math.min(PAGE_SIZE, total - offset)
        await fetchPage(loupe, request, total, expected) // checked once, outside the timing
        const samples = await sampleMs(() => loupe.client.api.catalog.listImages(request), {
          runs,
          warmup: 2,
        })
        results.push(
          result(
            {
              id: `grid.page.${key}.${sort}.${position}`,
              name: `grid page, ${title} (${count(total)}), sort ${sort}, ${position}`,
              unit: 'ms',
              details: { offset, limit: PAGE_SIZE, total },
            },
            samples,
          ),
        )
      }
    }
  }
  return results
}

/**
 * Opening after a crash: a lock left behind by a process that is gone makes the workspace check the catalogue's
 * integrity before use. An unreadable lock file stands in for the dead owner's.
 */
export async function benchOpenAfterCrash(dir: string, catalog: SyntheticCatalog, runs: number): Promise<BenchResult[]> {
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    writeFileSync(join(dir, 'loupe.lock'), '')
    let loupe: Loupe | undefined
    samples.push(await timeMs(async () => (loupe = await openLoupe({ workspaceDir: dir }))))
    await loupe!.close()
  }
  return [
    result(
      {
        id: 'workspace.openAfterCrash',
        name: `open workspace after a crash (${count(catalog.images)}, integrity check)`,
        unit: 'ms',
      },
      samples,
    ),
  ]
}

/**
 * The library's file-name search: the first grid page (with its total) for a text many names contain, one few do and
 * one none does, each a scan of every name. Every name returned is checked to contain the text, outside the timing.
 */
export async function benchNameSearch(loupe: Loupe, catalog: SyntheticCatalog, runs: number): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  for (const text of ['img_1', '_0042', 'no such name']) {
    const request: ListImagesRequest = { filter: { fileName: text }, limit: PAGE_SIZE }
    const page = await loupe.client.api.catalog.listImages(request)
    const stray = page.items.find((image) => !image.fileName.toLowerCase().includes(text))
    if (stray) throw new Error(`catalog.listImages ${JSON.stringify(request)} gave ${stray.fileName}, which does not contain "${text}"`)
    const samples = await sampleMs(() => loupe.client.api.catalog.listImages(request), { runs, warmup: 2 })
    results.push(
      result(
        {
          id: `grid.nameSearch.${text.replaceAll(' ', '-')}`,
          name: `grid page, file name contains "${text}" (${count(page.total)} of ${count(catalog.images)})`,
          unit: 'ms',
          details: { total: page.total },
        },
        samples,
      ),
    )
  }
  return results
}

export async function benchStats(loupe: Loupe, catalog: SyntheticCatalog, runs: number): Promise<BenchResult[]> {
  const stats = await loupe.client.api.catalog.stats({})
  if (stats.images !== catalog.images) throw new Error(`catalog.stats reported ${stats.images} images, not ${catalog.images}`)
  const samples = await sampleMs(() => loupe.client.api.catalog.stats({}), { runs, warmup: 2 })
  return [result({ id: 'catalog.stats', name: `catalog stats (${count(catalog.images)} images)`, unit: 'ms' }, samples)]
}

async function fetchPage(loupe: Loupe, request: ListImagesRequest, total: number, expected: number): Promise<void> {
  const page = await loupe.client.api.catalog.listImages(request)
  if (page.total !== total || page.items.length !== expected) {
    throw new Error(
      `catalog.listImages ${JSON.stringify(request)} gave ${page.items.length} of ${page.total}; ` +
        `expected ${expected} of ${total}`,
    )
  }
}

/** 100000 → "100k", 5000 → "5k", 812 → "812". */
export function count(n: number): string {
  return n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n)
}
