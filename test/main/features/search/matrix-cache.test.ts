import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import { EmbeddingStore, readSignature, type EmbeddingMatrix } from '../../../../src/main/features/search/embedding-store'
import { MatrixCache, ROWS_PER_TURN } from '../../../../src/main/features/search/matrix-cache'
import { tempDir } from '../../../support/paths'

/**
 * The in-memory matrix against the catalogue it mirrors: read on a worker, then kept current by reading only what
 * changed. Small vectors (8 numbers, each naming its image and version) so that every row can be checked.
 */
const IMAGES = 3 * ROWS_PER_TURN + 100
const DIMENSIONS = 8

let loupe: Loupe
let store: EmbeddingStore

const vectorOf = (id: number, version = 0) => Float32Array.from({ length: DIMENSIONS }, (_, d) => id * 100 + version * 10 + d)

function save(modelId: string, ids: number[], version = 0): void {
  store.save(modelId, ids.map((id) => ({ image: { id, path: '', contentHash: `hash-${id}` }, vector: vectorOf(id, version) })))
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/** Every row holds its image's vector, and the rows are exactly the catalogue's embeddings of the model. */
function expectMirrors(matrix: EmbeddingMatrix, modelId: string, versions: Map<number, number> = new Map()): void {
  const stored = store.imageIds(modelId)
  expect(new Set(matrix.ids)).toEqual(stored)
  expect(matrix.ids.length).toBe(stored.size)
  expect(matrix.vectors.length).toBe(stored.size * DIMENSIONS)
  for (let row = 0; row < matrix.ids.length; row++) {
    const id = matrix.ids[row]!
    expect(Array.from(matrix.vectors.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS)), `image ${id}`).toEqual(
      Array.from(vectorOf(id, versions.get(id) ?? 0)),
    )
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

beforeAll(async () => {
  loupe = await openLoupe({ workspaceDir: await tempDir('loupe-matrix-') })
  store = new EmbeddingStore(loupe.workspace.db)
  const insert = loupe.workspace.db.prepare(
    `INSERT INTO images (id, path, file_name, content_hash, bytes, width, height, format, added_at)
     VALUES (?, ?, ?, ?, 1000, 640, 480, 'jpeg', '2024-01-01T00:00:00.000Z')`,
  )
  loupe.workspace.db.transaction(() => {
    for (const id of range(1, IMAGES + 500)) insert.run(id, `/photos/${id}.jpg`, `${id}.jpg`, `hash-${id}`)
  })()
  // In several transactions, so the embeddings carry several timestamps.
  for (let from = 1; from <= IMAGES; from += 700) save('a', range(from, Math.min(IMAGES, from + 699)))
})

afterAll(async () => loupe?.close())

describe('the embeddings matrix in memory', () => {
  it('is read whole, with the signature of exactly what it holds', async () => {
    const cache = new MatrixCache(store)
    const { matrix, signature } = await cache.current('a')
    expect(matrix.dimensions).toBe(DIMENSIONS)
    expectMirrors(matrix, 'a')
    expect(signature).toEqual(readSignature(loupe.workspace.db, 'a'))
  })

  it('holds what was saved and removed while it was being read', async () => {
    const cache = new MatrixCache(store)
    const reading = cache.current('a')
    await nextTurn()
    save('a', range(IMAGES + 1, IMAGES + 50))
    await nextTurn()
    save('a', [5, 6], 1)
    loupe.workspace.db.prepare('DELETE FROM embeddings WHERE model_id = ? AND image_id IN (7, 8)').run('a')
    const { matrix, signature } = await reading
    expectMirrors(matrix, 'a', new Map([[5, 1], [6, 1]]))
    expect(signature).toEqual(readSignature(loupe.workspace.db, 'a'))
    save('a', [5, 6, 7, 8])
  })

  it('catches up on additions, new versions and removals after being told the catalogue changed', async () => {
    const cache = new MatrixCache(store)
    const first = await cache.current('a')
    const firstIds = first.matrix.ids.slice()
    const firstVectors = first.matrix.vectors.slice()

    save('a', range(IMAGES + 51, IMAGES + 400))
    save('a', [1, 2, 3], 2)
    cache.invalidate()
    const second = await cache.current('a')
    expectMirrors(second.matrix, 'a', new Map([[1, 2], [2, 2], [3, 2]]))
    // Grown into new arrays: the earlier snapshot still holds its rows (bar the images embedded again, in place).
    expect(Array.from(first.matrix.ids)).toEqual(Array.from(firstIds))
    expect(Array.from(first.matrix.vectors.subarray(10 * DIMENSIONS))).toEqual(Array.from(firstVectors.subarray(10 * DIMENSIONS)))

    loupe.workspace.db.prepare('DELETE FROM images WHERE id IN (10, 20, 30)').run()
    cache.invalidate()
    const third = await cache.current('a')
    expectMirrors(third.matrix, 'a', new Map([[1, 2], [2, 2], [3, 2]]))
    expect(third.signature).toEqual(readSignature(loupe.workspace.db, 'a'))
    expect(second.matrix.ids.length).toBe(third.matrix.ids.length + 3)
  })

  it('answers from memory until told of a change, and reads another model afresh', async () => {
    const cache = new MatrixCache(store)
    const before = await cache.current('a')
    save('a', [IMAGES + 450])
    expect((await cache.current('a')).matrix.ids.length).toBe(before.matrix.ids.length)

    save('b', range(41, 80))
    const other = await cache.current('b')
    expectMirrors(other.matrix, 'b')
    expect((await cache.current('a')).matrix.ids.length).toBe(before.matrix.ids.length + 1)
  })

  it('stops a read under way when closed', async () => {
    const cache = new MatrixCache(store)
    const reading = cache.current('a')
    cache.close()
    await expect(reading).rejects.toThrow(/cancelled|no longer in use/)
  })

  it('is empty for a model with no embeddings', async () => {
    const { matrix, signature } = await new MatrixCache(store).current('none')
    expect(matrix.ids.length).toBe(0)
    expect(signature.count).toBe(0)
  })
})
