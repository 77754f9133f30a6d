import type { DicomExportRequest, DicomExportResult, DicomPatient } from '../../../shared/api/schemas'
import { newFolderProblem, newFolderTarget, type NewFolderChoice } from '../folders/newFolder'
import { t } from '../i18n/t'

export type ScanFormat = DicomExportRequest['format']

export const SCAN_FORMATS: readonly { value: ScanFormat; name: string; holds: string }[] = [
  { value: 'png', name: 'PNG', holds: t('dicomExport.form.png') },
  { value: 'dcm', name: 'DICOM', holds: t('dicomExport.form.dcm') },
]

export const DEIDENTIFIED_HINT = t('dicomExport.form.deidentifiedHint')

export const IDENTIFIED_HINT = t('dicomExport.form.identifiedHint')

/** The same limit as Patient Name and Patient ID (LO) allow. */
export const PSEUDONYM_MAX_LENGTH = 64

export const defaultScanFolderName = (deidentify: boolean): string => (deidentify ? 'scans-deidentified' : 'scans')

export interface ScanExportForm {
  format: ScanFormat
  deidentify: boolean
  pseudonym: string
  folder: NewFolderChoice
}

export type ScanExportPlan = { ok: true; request: DicomExportRequest } | { ok: false; problem: string }

export function planScanExport(form: ScanExportForm, imageIds: readonly number[]): ScanExportPlan {
  if (imageIds.length === 0) return { ok: false, problem: t('dicomExport.form.nothing') }
  const folderProblem = newFolderProblem(form.folder)
  if (folderProblem) return { ok: false, problem: folderProblem }
  const pseudonym = form.deidentify ? form.pseudonym.trim() : ''
  if (pseudonym.length > PSEUDONYM_MAX_LENGTH) {
    return { ok: false, problem: t('dicomExport.form.pseudonymTooLong', { max: PSEUDONYM_MAX_LENGTH }) }
  }
  return {
    ok: true,
    request: {
      imageIds: [...imageIds],
      out: newFolderTarget(form.folder)!,
      format: form.format,
      deidentify: form.deidentify,
      ...(pseudonym ? { pseudonym } : {}),
    },
  }
}

/** The DICOM images among those chosen, with what people need to know about them before exporting. */
export interface ChosenScans {
  imageIds: number[]
  /** Each image's file (and frame) name, to say which one failed. */
  names: Map<number, string>
  patients: number
  series: number
}

export function chosenScans(patients: readonly DicomPatient[]): ChosenScans {
  const imageIds: number[] = []
  const names = new Map<number, string>()
  let series = 0
  for (const patient of patients) {
    for (const study of patient.studies) {
      series += study.series.length
      for (const one of study.series) {
        for (const image of one.images) {
          imageIds.push(image.imageId)
          names.set(image.imageId, image.frame > 0 ? t('dicomExport.form.frameName', { file: image.fileName, frame: image.frame + 1 }) : image.fileName)
        }
      }
    }
  }
  return { imageIds, names, patients: patients.length, series }
}

/** "Wrote 12 files and 12 JSON sidecars" */
export function writtenSummary(result: DicomExportResult): string {
  const sidecars = result.written.filter((written) => written.sidecar !== null).length
  const files = result.written.length
  return sidecars > 0 ? t('dicomExport.report.writtenWithSidecars', { files, sidecars }) : t('dicomExport.report.written', { files })
}
