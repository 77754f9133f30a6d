import { resolve } from 'node:path'
import type { DicomExportRequest, DicomExportResult, DicomPatient } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import { parseIdList } from '../id-list'
import type { Output } from '../output'

/** The most images one export takes (the API's limit): one export keeps new UIDs and file numbers consistent. */
const MAX_IMAGES = 100_000
const PSEUDONYM_MAX_LENGTH = 64

export interface ExportScansPlan {
  out: string
  scope: { kind: 'all' } | { kind: 'ids'; ids: number[] } | { kind: 'series'; uid: string }
  format: DicomExportRequest['format']
  deidentify: boolean
  pseudonym?: string
  /** PNG only: the viewer's invert, and the images' measurements drawn in. */
  invert: boolean
  burnInMeasurements: boolean
}

interface ExportScansOptions {
  ids?: string
  series?: string
  format?: string
  'keep-identity'?: boolean
  pseudonym?: string
  invert?: boolean
  'burn-in'?: boolean
}

/**
 * `export-scans OUT [--ids 1,2,3 | --series UID] [--format png|dcm] [--keep-identity] [--pseudonym NAME] [--invert]
 * [--burn-in]`, or why not.
 */
export function planExportScans(args: readonly string[], options: ExportScansOptions): ExportScansPlan | string {
  const [out, ...extra] = args
  if (!out || extra.length) return 'export-scans needs one output folder.'
  if (options.ids !== undefined && options.series !== undefined) return 'export-scans takes --ids or --series, not both.'
  const format = options.format ?? 'png'
  if (format !== 'png' && format !== 'dcm') return '--format takes png or dcm for export-scans.'
  const invert = options.invert === true
  const burnInMeasurements = options['burn-in'] === true
  if (format === 'dcm' && (invert || burnInMeasurements)) return '--invert and --burn-in change the pictures of a PNG export, not .dcm files.'
  const deidentify = options['keep-identity'] !== true
  const pseudonym = options.pseudonym?.trim()
  if (pseudonym !== undefined) {
    if (!deidentify) return '--pseudonym names a de-identified export; it does not go with --keep-identity.'
    if (pseudonym === '' || pseudonym.length > PSEUDONYM_MAX_LENGTH) return `--pseudonym takes 1 to ${PSEUDONYM_MAX_LENGTH} characters.`
  }
  let scope: ExportScansPlan['scope'] = { kind: 'all' }
  if (options.ids !== undefined) {
    const ids = parseIdList(options.ids)
    if (!ids) return '--ids takes image ids separated by commas, e.g. 1,2,3.'
    scope = { kind: 'ids', ids }
  } else if (options.series !== undefined) {
    if (options.series.trim() === '') return '--series takes a Series Instance UID.'
    scope = { kind: 'series', uid: options.series.trim() }
  }
  return { out: resolve(out), scope, format, deidentify, invert, burnInMeasurements, ...(pseudonym ? { pseudonym } : {}) }
}

/**
 * Writes DICOM images as PNG or .dcm files into a new or empty folder (the export refuses one holding images or JSON),
 * de-identified unless --keep-identity.
 */
export async function exportScansCommand(loupe: Loupe, plan: ExportScansPlan, output: Output): Promise<void> {
  const { scope } = plan
  const imageIds = scope.kind === 'ids' ? scope.ids : dicomImages(await loupe.client.api.dicom.series({}), scope)
  if (imageIds.length === 0) {
    if (scope.kind === 'series') throw new Error(`There is no series ${scope.uid} in the catalogue.`)
    throw new Error('The catalogue holds no DICOM images to export.')
  }
  if (imageIds.length > MAX_IMAGES) {
    throw new Error(`${imageIds.length} images are more than one export takes (${MAX_IMAGES}); export them by --series or --ids.`)
  }
  const request: DicomExportRequest = {
    imageIds,
    out: plan.out,
    format: plan.format,
    deidentify: plan.deidentify,
    ...(plan.pseudonym ? { pseudonym: plan.pseudonym } : {}),
    ...(plan.format === 'png' ? { invert: plan.invert, burnInMeasurements: plan.burnInMeasurements } : {}),
  }
  const result = await loupe.client.api.dicom.exportImages(request)
  output.result(result, () => describe(result, plan.deidentify))
}

/** Every DICOM image, or those of one series. */
function dicomImages(patients: DicomPatient[], scope: { kind: 'all' } | { kind: 'series'; uid: string }): number[] {
  const ids: number[] = []
  for (const patient of patients)
    for (const study of patient.studies)
      for (const series of study.series) {
        if (scope.kind === 'series' && series.seriesUid !== scope.uid) continue
        for (const image of series.images) ids.push(image.imageId)
      }
  return ids
}

function describe(result: DicomExportResult, deidentified: boolean): string {
  const sidecars = result.written.filter((written) => written.sidecar !== null).length
  const lines = [
    `Wrote ${result.written.length} ${deidentified ? 'de-identified ' : ''}file${result.written.length === 1 ? '' : 's'}` +
      (sidecars ? ` and ${sidecars} JSON sidecar${sidecars === 1 ? '' : 's'}` : '') +
      ` to ${result.dir}`,
  ]
  if (result.measurementsFile) lines.push(`Measurements of the exported images: ${result.measurementsFile}`)
  if (result.failed.length) {
    lines.push(`Not exported (${result.failed.length}):`, ...result.failed.map((failed) => `  image ${failed.imageId}: ${failed.reason}`))
  }
  lines.push(...result.warnings.map((warning) => `  note: ${warning}`))
  return lines.join('\n')
}

