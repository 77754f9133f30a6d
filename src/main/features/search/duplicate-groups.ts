import type { DuplicateGroup, DuplicateImage } from '../../../shared/api/schemas'
import type { CatalogService } from '../catalog'
import type { ConfirmedPair } from './pixel-check'

/**
 * Joins confirmed pairs into groups (a copy of a copy is in its original's group), largest groups first, and picks
 * the image each group suggests keeping: one with annotations (boxes, tags, a review status) before one without, so
 * work is not thrown away; then the most pixels, then the biggest file, then the one imported first.
 */
export function duplicateGroups(pairs: ConfirmedPair[], catalog: CatalogService): DuplicateGroup[] {
  const parent = new Map<number, number>()
  const root = (id: number): number => {
    let current = id
    while (parent.has(current) && parent.get(current) !== current) current = parent.get(current)!
    return current
  }
  const best = new Map<number, { score: number; pixelMatch: number }>()
  const note = (id: number, pair: ConfirmedPair) => {
    const known = best.get(id)
    best.set(id, { score: Math.max(known?.score ?? 0, pair.score), pixelMatch: Math.max(known?.pixelMatch ?? 0, pair.pixelMatch) })
  }
  for (const pair of pairs) {
    const [a, b] = [root(pair.a), root(pair.b)]
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b))
    note(pair.a, pair)
    note(pair.b, pair)
  }
  const members = new Map<number, number[]>()
  for (const id of [...best.keys()].sort((x, y) => x - y)) members.set(root(id), [...(members.get(root(id)) ?? []), id])

  const ids = [...best.keys()]
  const summaries = new Map(catalog.summariesOf(ids).map((summary) => [summary.id, summary]))
  const facts = catalog.filesAndBoxesOf(ids)
  const groups: DuplicateGroup[] = []
  for (const group of members.values()) {
    const images: DuplicateImage[] = group.flatMap((id) => {
      const summary = summaries.get(id)
      const file = facts.get(id)
      return summary && file ? [{ ...summary, ...file, ...best.get(id)! }] : []
    })
    if (images.length > 1) groups.push({ images, keep: [...images].sort(keepFirst)[0]!.id })
  }
  return groups.sort((a, b) => b.images.length - a.images.length || a.images[0]!.id - b.images[0]!.id)
}

function annotated(image: DuplicateImage): boolean {
  return image.boxCount > 0 || image.labels.length > 0 || image.status !== 'unlabelled'
}

function keepFirst(a: DuplicateImage, b: DuplicateImage): number {
  return (
    Number(annotated(b)) - Number(annotated(a)) ||
    b.width * b.height - a.width * a.height ||
    b.bytes - a.bytes ||
    a.id - b.id
  )
}
