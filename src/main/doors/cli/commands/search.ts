import type { IndexResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'


export async function indexCommand(loupe: Loupe, output: Output): Promise<void> {
  const { id } = await loupe.client.api.search.index({})
  const result = (await followJob(loupe, id, output)).result as IndexResult
  output.result(result, () => describeIndex(result))
}

export function describeIndex(result: IndexResult): string {
  return (
    `Embedded ${result.embedded} images (${result.skipped} unreadable) with ${result.model} on ${result.backend}, ` +
    `${result.imagesPerSecond.toFixed(1)} images/s.`
  )
}

export async function searchCommand(
  loupe: Loupe,
  query: { imageId: number } | { path: string },
  region: { x: number; y: number; width: number; height: number } | undefined,
  k: number,
  output: Output,
): Promise<void> {
  const hits = await loupe.client.api.search.similar({ query: { ...query, ...(region && { region }) }, k })
  output.result(
    hits.map((hit) => ({ path: hit.path, score: hit.score })),
    () => hits.map((hit) => `${hit.score.toFixed(4)}  ${hit.path}`).join('\n') || 'Nothing found.',
  )
}

export async function duplicatesCommand(loupe: Loupe, threshold: number, output: Output): Promise<void> {
  const groups = await loupe.client.api.search.duplicates({ threshold })
  output.result(
    groups.map((group) => group.images.map((image) => ({ path: image.path, score: image.score }))),
    () =>
      groups.length === 0
        ? `No near-duplicates at similarity ${threshold}.`
        : groups.map((group, index) => [`Group ${index + 1}:`, ...group.images.map((i) => `  ${i.path}`)].join('\n')).join('\n'),
  )
}
