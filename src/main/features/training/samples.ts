import type { LabelSource } from '../../../shared/api/schemas'
import { preprocessBatch } from '../../engines/ml/preprocess'
import type { Embedder } from '../models'
import type { EmbeddingStore } from '../search'
import type { Db } from '../../platform/storage/database'
import type { SampleKind } from './classifier-store'

/** One training sample: an image (its class from its tag or its boxes) or a box (its class, on the box's crop). */
export interface Sample {
  imageId: number
  /** Set for box samples. */
  boxId: number | null
  path: string
  contentHash: string
  label: string
  crop: { x: number; y: number; width: number; height: number } | null
}

export interface SampleSet {
  samples: Sample[]
  /** Where each image sample's class came from (box samples count under neither). */
  from: { tags: number; boxes: number }
  /** Images with several class tags (image samples only): left out, a softmax head gives one class per image. */
  severalClasses: number
  /** Images whose boxes have different classes and no tag to settle it (image samples from boxes): left out. */
  mixedBoxClasses: number
}

interface ImageClassRow {
  imageId: number
  path: string
  contentHash: string
  label: string
  /** How many different classes the image carries (tags or box classes). */
  n: number
}

/**
 * The labelled samples of the catalogue. Images: every present image with exactly one class (of `classes`, when
 * given), its class taken from its tags, the classes of its boxes, or its tags where it has any and else its boxes.
 * Boxes: every box with a class (of `classes`, when given) on a present image.
 */
export function collectSamples(db: Db, kind: SampleKind, labels: LabelSource, classes?: readonly string[]): SampleSet {
  const only = classes ? JSON.stringify(classes) : null
  if (kind === 'boxes') {
    const rows = db
      .prepare(
        `SELECT b.id AS boxId, i.id AS imageId, i.path, i.content_hash AS contentHash, l.name AS label, b.x, b.y, b.width, b.height
         FROM boxes b JOIN labels l ON l.id = b.label_id JOIN images i ON i.id = b.image_id
         WHERE i.missing = 0 AND (@only IS NULL OR l.name IN (SELECT value FROM json_each(@only)))
         ORDER BY b.id`,
      )
      .all({ only }) as (Omit<Sample, 'crop'> & { x: number; y: number; width: number; height: number })[]
    return {
      samples: rows.map(({ x, y, width, height, ...rest }) => ({ ...rest, crop: { x, y, width, height } })),
      from: { tags: 0, boxes: 0 },
      severalClasses: 0,
      mixedBoxClasses: 0,
    }
  }
  const tagged =
    labels === 'boxes'
      ? []
      : (db
          .prepare(
            `SELECT i.id AS imageId, i.path, i.content_hash AS contentHash, min(l.name) AS label, count(*) AS n
             FROM images i JOIN image_labels il ON il.image_id = i.id JOIN labels l ON l.id = il.label_id
             WHERE i.missing = 0 AND (@only IS NULL OR l.name IN (SELECT value FROM json_each(@only)))
             GROUP BY i.id`,
          )
          .all({ only }) as ImageClassRow[])
  // An image with a tag is judged by its tags alone, even when they are several: its boxes never overrule them.
  const hasTags = new Set(tagged.map((row) => row.imageId))
  const boxed =
    labels === 'tags'
      ? []
      : (db
          .prepare(
            `SELECT i.id AS imageId, i.path, i.content_hash AS contentHash, min(l.name) AS label, count(DISTINCT l.name) AS n
             FROM images i JOIN boxes b ON b.image_id = i.id JOIN labels l ON l.id = b.label_id
             WHERE i.missing = 0 AND (@only IS NULL OR l.name IN (SELECT value FROM json_each(@only)))
             GROUP BY i.id`,
          )
          .all({ only }) as ImageClassRow[]).filter((row) => !hasTags.has(row.imageId))
  const toSample = ({ n: _n, ...row }: ImageClassRow): Sample => ({ ...row, boxId: null, crop: null })
  const fromTags = tagged.filter((row) => row.n === 1)
  const fromBoxes = boxed.filter((row) => row.n === 1)
  return {
    samples: [...fromTags, ...fromBoxes].map(toSample).sort((a, b) => a.imageId - b.imageId),
    from: { tags: fromTags.length, boxes: fromBoxes.length },
    severalClasses: tagged.length - fromTags.length,
    mixedBoxClasses: boxed.length - fromBoxes.length,
  }
}

/**
 * The embedding of every sample, computing what is missing: an image's from the catalogue's embeddings (the visual
 * search index; missing ones are embedded and saved there), a box's from its crop (cached in box_embeddings, keyed by
 * the file version and geometry). Samples whose file cannot be read are dropped. Reports progress per batch.
 */
export async function embedSamples(
  db: Db,
  store: EmbeddingStore,
  embedder: Embedder,
  samples: Sample[],
  options: { signal: AbortSignal; progress: (done: number, total: number) => void },
): Promise<{ samples: Sample[]; vectors: Float32Array[] }> {
  const modelId = embedder.modelId
  const vectors = new Map<Sample, Float32Array>()
  const missing: Sample[] = []
  const boxVector = db.prepare('SELECT vector FROM box_embeddings WHERE model_id = ? AND box_id = ? AND source = ?')
  for (const sample of samples) {
    let found: Float32Array | undefined
    if (sample.boxId === null) {
      const row = db
        .prepare('SELECT vector FROM embeddings WHERE model_id = ? AND image_id = ? AND content_hash = ?')
        .get(modelId, sample.imageId, sample.contentHash) as { vector: Buffer } | undefined
      found = row && toFloat32(row.vector)
    } else {
      const row = boxVector.get(modelId, sample.boxId, sourceOf(sample)) as { vector: Buffer } | undefined
      found = row && toFloat32(row.vector)
    }
    if (found) vectors.set(sample, found)
    else missing.push(sample)
  }

  if (missing.length > 0) {
    const { engine, model } = await embedder.start()
    const saveBox = db.prepare(
      `INSERT OR REPLACE INTO box_embeddings (model_id, box_id, source, vector, created_at) VALUES (?, ?, ?, ?, ?)`,
    )
    const batchSize = 16
    for (let start = 0; start < missing.length && !options.signal.aborted; start += batchSize) {
      options.progress(start, missing.length)
      const batch = missing.slice(start, start + batchSize)
      const readable: Sample[] = []
      const pixels: Float32Array[] = []
      for (const sample of batch) {
        try {
          pixels.push(await preprocessBatch([sample.crop ? { input: sample.path, crop: sample.crop } : sample.path], model.manifest))
          readable.push(sample)
        } catch {
          // Unreadable (moved, damaged, a crop outside the picture): left out of training.
        }
      }
      if (readable.length === 0) continue
      const size = pixels[0]!.length
      const joined = new Float32Array(size * readable.length)
      pixels.forEach((part, index) => joined.set(part, index * size))
      const embedded = await engine.embed(joined, readable.length)
      const stamp = new Date().toISOString()
      db.transaction(() => {
        readable.forEach((sample, index) => {
          const vector = embedded[index]!.slice()
          vectors.set(sample, vector)
          if (sample.boxId === null) {
            store.save(modelId, [{ image: { id: sample.imageId, path: sample.path, contentHash: sample.contentHash }, vector }])
          } else {
            saveBox.run(modelId, sample.boxId, sourceOf(sample), Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), stamp)
          }
        })
      })()
    }
    options.progress(missing.length, missing.length)
  }
  const kept = samples.filter((sample) => vectors.has(sample))
  return { samples: kept, vectors: kept.map((sample) => vectors.get(sample)!) }
}

/** How many samples have no stored embedding yet (they are embedded when training starts). */
export function countNotIndexed(db: Db, modelId: string, samples: Sample[]): number {
  const image = db.prepare('SELECT 1 FROM embeddings WHERE model_id = ? AND image_id = ? AND content_hash = ?')
  const box = db.prepare('SELECT 1 FROM box_embeddings WHERE model_id = ? AND box_id = ? AND source = ?')
  return samples.filter((sample) =>
    sample.boxId === null ? !image.get(modelId, sample.imageId, sample.contentHash) : !box.get(modelId, sample.boxId, sourceOf(sample)),
  ).length
}

function sourceOf(sample: Sample): string {
  const crop = sample.crop
  return crop ? `${sample.contentHash}:${[crop.x, crop.y, crop.width, crop.height].map((v) => v.toFixed(2)).join(',')}` : sample.contentHash
}

export function toFloat32(buffer: Uint8Array): Float32Array {
  // Copied: a Buffer from SQLite may sit at an offset that is not a multiple of 4.
  const copy = new Float32Array(buffer.byteLength / 4)
  new Uint8Array(copy.buffer).set(buffer)
  return copy
}
