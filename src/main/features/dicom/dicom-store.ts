import type { Db } from '../../platform/storage/database'
import type { DicomIdentity } from '../../engines/dicom/metadata'
import type { Measurement, MeasurementKind, MeasurementPoint } from '../../../shared/api/schemas'

/** A measurement (annotations' table, migration 13) with what listing it needs of its image. */
export interface StoredMeasurement {
  imageId: number
  fileName: string
  frame: number
  width: number
  height: number
  seriesUid: string | null
  instanceNumber: number | null
  measurement: Measurement
}

export interface SeriesTreeImage {
  imageId: number
  frame: number
  instanceNumber: number | null
  fileName: string
}

export interface SeriesNode {
  seriesUid: string | null
  seriesNumber: number | null
  seriesDescription: string | null
  modality: string | null
  images: SeriesTreeImage[]
}

export interface StudyNode {
  studyUid: string | null
  studyDate: string | null
  studyDescription: string | null
  series: SeriesNode[]
}

export interface PatientNode {
  patientId: string | null
  patientName: string | null
  studies: StudyNode[]
}

interface Row {
  image_id: number
  frame: number
  file_name: string
  patient_id: string | null
  patient_name: string | null
  study_uid: string | null
  study_date: string | null
  study_description: string | null
  series_uid: string | null
  series_number: number | null
  series_description: string | null
  modality: string | null
  instance_number: number | null
}

interface MeasurementRow {
  id: number
  kind: MeasurementKind
  points: string
  image_id: number
  file_name: string
  frame: number
  width: number
  height: number
  series_uid: string | null
  instance_number: number | null
}

/** The catalogue's DICOM identities (table dicom_images, migration 4), written at import, read to group images. */
export class DicomStore {
  constructor(private readonly db: Db) {}

  record(imageId: number, identity: DicomIdentity): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO dicom_images (image_id, patient_id, patient_name, study_uid, study_date,
           study_description, series_uid, series_number, series_description, modality, sop_instance_uid,
           instance_number, frame_count, transfer_syntax)
         VALUES (@imageId, @patientId, @patientName, @studyUid, @studyDate, @studyDescription, @seriesUid, @seriesNumber,
           @seriesDescription, @modality, @sopInstanceUid, @instanceNumber, @frames, @transferSyntax)`,
      )
      .run({ imageId, ...identity })
  }

  /** Measurements of the images (of every image when none are given), a series' in instance and frame order. */
  measurements(imageIds?: readonly number[]): StoredMeasurement[] {
    const filter = imageIds ? 'WHERE m.image_id IN (SELECT value FROM json_each(@ids))' : ''
    const rows = this.db
      .prepare(
        `SELECT m.id, m.kind, m.points, m.image_id, i.file_name, i.frame, i.width, i.height, d.series_uid, d.instance_number
         FROM measurements m JOIN images i ON i.id = m.image_id LEFT JOIN dicom_images d ON d.image_id = m.image_id
         ${filter}
         ORDER BY d.series_uid, d.instance_number, i.file_name, i.frame, m.image_id, m.id`,
      )
      .all(imageIds ? { ids: JSON.stringify(imageIds) } : {}) as MeasurementRow[]
    return rows.map((row) => ({
      imageId: row.image_id,
      fileName: row.file_name,
      frame: row.frame,
      width: row.width,
      height: row.height,
      seriesUid: row.series_uid,
      instanceNumber: row.instance_number,
      measurement: { id: row.id, kind: row.kind, points: JSON.parse(row.points) as MeasurementPoint[] },
    }))
  }

  /** Patients, their studies and series, and the images of each in instance and frame order. */
  tree(imageIds?: readonly number[]): PatientNode[] {
    const filter = imageIds ? 'WHERE d.image_id IN (SELECT value FROM json_each(@ids))' : ''
    const rows = this.db
      .prepare(
        `SELECT d.*, i.frame, i.file_name FROM dicom_images d JOIN images i ON i.id = d.image_id ${filter}
         ORDER BY d.patient_name, d.patient_id, d.study_date, d.study_uid, d.series_number, d.series_uid,
                  d.instance_number, i.file_name, i.frame, i.id`,
      )
      .all(imageIds ? { ids: JSON.stringify(imageIds) } : {}) as Row[]
    const patients: PatientNode[] = []
    const patientBy = new Map<string, PatientNode>()
    const studyBy = new Map<string, StudyNode>()
    const seriesBy = new Map<string, SeriesNode>()
    for (const row of rows) {
      const patientKey = JSON.stringify([row.patient_id, row.patient_name])
      let patient = patientBy.get(patientKey)
      if (!patient) {
        patient = { patientId: row.patient_id, patientName: row.patient_name, studies: [] }
        patientBy.set(patientKey, patient)
        patients.push(patient)
      }
      const studyKey = JSON.stringify([patientKey, row.study_uid])
      let study = studyBy.get(studyKey)
      if (!study) {
        study = { studyUid: row.study_uid, studyDate: row.study_date, studyDescription: row.study_description, series: [] }
        studyBy.set(studyKey, study)
        patient.studies.push(study)
      }
      const seriesKey = JSON.stringify([studyKey, row.series_uid])
      let series = seriesBy.get(seriesKey)
      if (!series) {
        series = {
          seriesUid: row.series_uid,
          seriesNumber: row.series_number,
          seriesDescription: row.series_description,
          modality: row.modality,
          images: [],
        }
        seriesBy.set(seriesKey, series)
        study.series.push(series)
      }
      series.images.push({ imageId: row.image_id, frame: row.frame, instanceNumber: row.instance_number, fileName: row.file_name })
    }
    return patients
  }
}
