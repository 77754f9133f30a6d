import type { DuplicateGroup, DuplicateImage, IndexResult } from '../../../../shared/api/schemas'
import { formatBytes } from '../../../../shared/format/bytes'
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
    hits.map((hit) => ({ path: hit.path, score: hit.score, ...(hit.match && { match: hit.match }) })),
    () => hits.map((hit) => `${hit.score.toFixed(4)}  ${hit.path}${hit.match ? `  (most alike at ${describeRegion(hit.match.region)})` : ''}`).join('\n') || 'Nothing found.',
  )
}

const describeRegion = ({ x, y, width, height }: { x: number; y: number; width: number; height: number }) => `${x},${y} ${width}×${height}`

/**
 * Groups of copies, the suggested keeper first, each extra with what would go with it. JSON: one array per group of
 * its images, each with `keep` and the annotations it carries.
 */
export async function duplicatesCommand(loupe: Loupe, threshold: number | undefined, output: Output): Promise<void> {
  const groups = await loupe.client.api.search.duplicates(threshold === undefined ? {} : { threshold })
  const used = threshold ?? (await loupe.client.api.search.duplicateThreshold({})).threshold
  output.result(
    groups.map((group) => keptFirst(group).map((image) => ({
      path: image.path,
      keep: image.id === group.keep,
      score: image.score,
      pixelMatch: image.pixelMatch,
      width: image.width,
      height: image.height,
      bytes: image.bytes,
      format: image.format,
      status: image.status,
      tags: image.labels,
      boxes: image.boxCount,
      boxClasses: image.boxClasses,
    }))),
    () =>
      groups.length === 0
        ? `No duplicates among images at least ${used} alike.`
        : [
            `${groups.length} group${groups.length === 1 ? '' : 's'} of copies (candidates at least ${used} alike, confirmed by their pixels):`,
            ...groups.map((group, index) => [`Group ${index + 1}:`, ...keptFirst(group).map((image) => describeMember(image, group.keep))].join('\n')),
          ].join('\n'),
  )
}

function keptFirst(group: DuplicateGroup): DuplicateImage[] {
  return [...group.images].sort((a, b) => Number(b.id === group.keep) - Number(a.id === group.keep))
}

function describeMember(image: DuplicateImage, keep: number): string {
  const size = `${image.width}×${image.height} ${image.format}, ${formatBytes(image.bytes)}`
  if (image.id === keep) return `  keep    ${image.path} (${size})`
  const carried = [
    image.boxCount > 0 && `${image.boxCount} box${image.boxCount === 1 ? '' : 'es'} (${image.boxClasses.join(', ') || 'no class'})`,
    image.labels.length > 0 && `tags ${image.labels.join(', ')}`,
    image.status !== 'unlabelled' && `status ${image.status}`,
  ].filter(Boolean)
  return `  extra   ${image.path} (${size}${carried.length > 0 ? `; would take with it: ${carried.join('; ')}` : ''})`
}
