import type { AnnotatedImage, AnnotationSet } from '../../engines/formats'
import type { Db } from '../../platform/storage/database'

/**
 * Keeps what a dataset said that Loupe does not use, so an export can write it back: the dataset's own fields (COCO's
 * info, licenses…), each class's (supercategory…) and each image's (license, coco_url…). Runs inside the import's
 * transaction. A later import wins over an earlier one that disagrees; the sentences returned say where that happened.
 */
export function keepSourceFields(
  db: Db,
  format: string,
  set: AnnotationSet,
  imageIdOf: ReadonlyMap<AnnotatedImage, number>,
  labelIds: ReadonlyMap<string, number>,
): string[] {
  const notes: string[] = []
  const readField = db.prepare('SELECT value FROM dataset_fields WHERE format = ? AND key = ?').pluck()
  const writeField = db.prepare(
    'INSERT INTO dataset_fields (format, key, value) VALUES (?, ?, ?) ON CONFLICT (format, key) DO UPDATE SET value = excluded.value',
  )
  const replacedFields: string[] = []
  for (const [key, value] of Object.entries(set.fields ?? {})) {
    const text = JSON.stringify(value)
    const before = readField.get(format, key) as string | undefined
    if (before !== undefined && before !== text) replacedFields.push(key)
    writeField.run(format, key, text)
  }
  if (replacedFields.length > 0) {
    notes.push(`The dataset's ${replacedFields.join(', ')} differed from an earlier import's; this import's are kept.`)
  }
  const classes = mergeExtra(db, 'labels', Object.entries(set.classExtra ?? {}).flatMap(([name, extra]) => {
    const id = labelIds.get(name)
    return id === undefined ? [] : [[id, extra] as const]
  }))
  if (classes > 0) notes.push(`${classes} ${classes === 1 ? 'class' : 'classes'} had other fields (supercategory…) from an earlier import; this import's are kept.`)
  const images = mergeExtra(db, 'images', [...imageIdOf].flatMap(([image, id]) => (image.extra ? [[id, image.extra] as const] : [])))
  if (images > 0) notes.push(`${images} ${images === 1 ? 'image' : 'images'} had other fields (license, coco_url…) from an earlier import; this import's are kept.`)
  return notes
}

/** Adds each row's new fields to its `extra`, the new value winning; answers how many rows had a different value. */
function mergeExtra(db: Db, table: 'labels' | 'images', rows: readonly (readonly [number, Record<string, unknown>])[]): number {
  const read = db.prepare(`SELECT extra FROM ${table} WHERE id = ?`).pluck()
  const write = db.prepare(`UPDATE ${table} SET extra = ? WHERE id = ?`)
  let disagreed = 0
  for (const [id, extra] of rows) {
    const stored = read.get(id) as string | null
    const before = stored === null ? {} : (JSON.parse(stored) as Record<string, unknown>)
    if (Object.entries(extra).some(([key, value]) => key in before && JSON.stringify(before[key]) !== JSON.stringify(value))) disagreed++
    write.run(JSON.stringify({ ...before, ...extra }), id)
  }
  return disagreed
}
