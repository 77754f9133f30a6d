import { createHash } from 'node:crypto'
import { openLoupe } from '../src/main/app/loupe'
import type { ReviewStatus } from '../src/shared/api/schemas'
import { seededRandom } from './stats'

/** Labels in falling popularity (weights follow 1/rank, as real label counts tend to). */
export const LABELS = ['person', 'car', 'tree', 'dog', 'cat', 'bicycle', 'bird', 'boat', 'flower', 'building'] as const

export interface SyntheticCatalog {
  images: number
  buildMs: number
  /** Images carrying each label. */
  labelCounts: Record<string, number>
  unlabelled: number
}

const FOLDER_SIZE = 250
const UNLABELLED_SHARE = 0.35
const SECOND_LABEL_SHARE = 0.1

/**
 * Fills a new workspace with `count` made-up image rows, through the catalogue service the import uses, in one
 * transaction: camera-style file names spread over dated folders, photo-like sizes, about a third unlabelled, the rest
 * with one or two of ten labels, and review statuses to match. Deterministic, so every run measures the same data.
 */
export async function buildSyntheticCatalog(workspaceDir: string, count: number): Promise<SyntheticCatalog> {
  const started = performance.now()
  const random = seededRandom(0xca7a)
  const labelCounts: Record<string, number> = Object.fromEntries(LABELS.map((label) => [label, 0]))
  const statuses = new Map<ReviewStatus, number[]>()
  let unlabelled = 0
  const loupe = await openLoupe({ workspaceDir })
  try {
    const { catalog } = loupe
    loupe.workspace.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = catalog.insertImage(syntheticImage(i, random))
        const labels = pickLabels(random)
        for (const label of labels) {
          catalog.addLabel(id, label)
          labelCounts[label] = (labelCounts[label] ?? 0) + 1
        }
        if (labels.length === 0) unlabelled++
        const status = pickStatus(labels.length > 0, random)
        if (status === 'unlabelled') continue
        const ids = statuses.get(status) ?? []
        ids.push(id)
        statuses.set(status, ids)
      }
      for (const [status, ids] of statuses) catalog.setStatus(ids, status)
    })()
  } finally {
    await loupe.close()
  }
  return { images: count, buildMs: performance.now() - started, labelCounts, unlabelled }
}

function syntheticImage(i: number, random: () => number) {
  const folder = Math.floor(i / FOLDER_SIZE)
  const year = 2012 + (folder % 12)
  const fileName = cameraFileName(folder, i % FOLDER_SIZE, random)
  const landscape = random() < 0.7
  const [long, short] = SIZES[Math.floor(random() * SIZES.length)]!
  return {
    path: `/photos/${year}/${year}-${String((folder % 12) + 1).padStart(2, '0')} shoot ${folder}/${fileName}`,
    fileName,
    contentHash: createHash('sha256').update(`loupe-bench-${i}`).digest('hex'),
    // Roughly log-normal around 2.5 MB, like camera JPEGs.
    bytes: Math.round(2_500_000 * Math.exp((random() + random() + random() - 1.5) * 1.2)),
    width: landscape ? long : short,
    height: landscape ? short : long,
    format: random() < 0.9 ? ('jpeg' as const) : ('png' as const),
    orientation: random() < 0.85 ? 1 : 6,
  }
}

const SIZES: readonly (readonly [number, number])[] = [
  [6000, 4000],
  [4032, 3024],
  [1600, 1200],
  [3840, 2160],
  [1024, 768],
]

/** Names as three kinds of camera write them; unique within a folder, repeated across folders as in real archives. */
function cameraFileName(folder: number, index: number, random: () => number): string {
  const n = (folder * 137 + index) % 10_000
  switch (folder % 3) {
    case 0:
      return `IMG_${String(n).padStart(4, '0')}.JPG`
    case 1:
      return `DSC${String(n).padStart(5, '0')}.jpg`
    default: {
      const day = `2023${String((folder % 12) + 1).padStart(2, '0')}${String((folder % 28) + 1).padStart(2, '0')}`
      return `PXL_${day}_${String(index).padStart(3, '0')}${String(Math.floor(random() * 1e6)).padStart(6, '0')}.jpg`
    }
  }
}

const LABEL_WEIGHTS = LABELS.map((_, rank) => 1 / (rank + 1))
const WEIGHT_TOTAL = LABEL_WEIGHTS.reduce((sum, weight) => sum + weight, 0)

function pickLabels(random: () => number): string[] {
  if (random() < UNLABELLED_SHARE) return []
  const first = weightedLabel(random)
  if (random() >= SECOND_LABEL_SHARE) return [first]
  const second = weightedLabel(random)
  return second === first ? [first] : [first, second]
}

function weightedLabel(random: () => number): string {
  let target = random() * WEIGHT_TOTAL
  for (let rank = 0; rank < LABELS.length; rank++) {
    target -= LABEL_WEIGHTS[rank]!
    if (target <= 0) return LABELS[rank]!
  }
  return LABELS[LABELS.length - 1]!
}

function pickStatus(labelled: boolean, random: () => number): ReviewStatus {
  const roll = random()
  if (!labelled) return roll < 0.05 ? 'in_progress' : 'unlabelled'
  return roll < 0.55 ? 'labelled' : roll < 0.9 ? 'reviewed' : 'needs_fix'
}
