import { resolve } from 'node:path'
import {
  DatasetSplit,
  REVIEW_STATUSES,
  type AnnotationFormat,
  type ExportRequest,
  type ExportResult,
  type ImageFilter,
  type ReviewStatus,
} from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import { parseIdList } from '../id-list'
import type { Output } from '../output'
import { followJob } from '../run-job'

interface ExportOptions {
  images?: string
  status?: string
  label?: string
  name?: string
  ids?: string
  split?: string
  seed?: string
}

/**
 * `export OUT --format F [--images none|copy|link] [--status S] [--label L] [--name TEXT] [--ids 1,2,3]
 * [--split TRAIN,VAL,TEST [--seed N]]`, or why not.
 */
export function planExport(args: readonly string[], format: AnnotationFormat | undefined, options: ExportOptions): ExportRequest | string {
  const [out, ...extra] = args
  if (!format || !out || extra.length) return 'export needs --format FORMAT and one output folder.'
  const images = options.images ?? 'none'
  if (images !== 'none' && images !== 'copy' && images !== 'link') return '--images takes none, copy or link.'
  const filter: ImageFilter = {}
  if (options.status !== undefined) {
    if (!isStatus(options.status)) return `--status takes one of ${REVIEW_STATUSES.join(', ')}.`
    filter.status = options.status
  }
  if (options.label !== undefined) {
    if (options.label.trim() === '') return '--label takes a label name.'
    filter.label = options.label
  }
  if (options.name !== undefined) {
    if (options.name === '' || options.name.length > 500) return '--name takes 1 to 500 characters of a file name.'
    filter.fileName = options.name
  }
  if (options.ids !== undefined) {
    const ids = parseIdList(options.ids)
    if (!ids) return '--ids takes image ids separated by commas, e.g. 1,2,3.'
    filter.imageIds = ids
  }
  if (options.seed !== undefined && options.split === undefined) return '--seed goes with --split.'
  const request: ExportRequest = { format, out: resolve(out), images, ...(Object.keys(filter).length > 0 ? { filter } : {}) }
  if (options.split === undefined) return request
  const fractions = options.split.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)))
  const seed = options.seed === undefined ? 0 : /^\d+$/.test(options.seed) ? Number(options.seed) : NaN
  const split = DatasetSplit.safeParse({ train: fractions[0], val: fractions[1], test: fractions[2], seed })
  if (fractions.length !== 3 || !split.success) {
    return '--split takes the train, val and test fractions adding up to 1, e.g. 0.8,0.1,0.1; --seed a whole number.'
  }
  return { ...request, split: split.data }
}

function isStatus(value: string): value is ReviewStatus {
  return (REVIEW_STATUSES as readonly string[]).includes(value)
}

export async function exportCommand(loupe: Loupe, request: ExportRequest, output: Output): Promise<void> {
  const { id } = await loupe.client.api.exports.start(request)
  const result = (await followJob(loupe, id, output)).result as ExportResult
  const parts = result.parts
  output.result(result, () =>
    [
      `Exported ${result.images} images and ${result.boxes} boxes to ${result.dir}`,
      ...(parts ? [`  split: ${parts.train} train, ${parts.val} val, ${parts.test} test`] : []),
      ...result.warnings.map((warning) => `  note: ${warning}`),
    ].join('\n'),
  )
}
