import type { Db } from '../../platform/storage/database'
import type { FrameGeometry, Orientation, Vector3 } from '../../engines/dicom/geometry'
import type { DicomIdentity } from '../../engines/dicom/metadata'
import type { Measurement, MeasurementKind, MeasurementPoint } from '../../../shared/api/schemas'

/** A measurement (annotations' table, migration 14) with what listing it needs of its image. */
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

export interface IdentityRow {
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

/** One image of a series as the stack is built from it, with its stored geometry (null when not read yet or stale). */
export interface StackMember {
  imageId: number
  path: string
  frame: number
  contentHash: string
  instanceNumber: number | null
  geometry: StoredGeometry | null
}

export type StoredGeometry = Pick<FrameGeometry, 'position' | 'orientation' | 'sliceLocation' | 'frameOfReferenceUid' | 'frameTimeMs'>

interface MemberRow {
  image_id: number
  path: string
  frame: number
  content_hash: string
  instance_number: number | null
  geometry_hash: string | null
  position: string | null
  orientation: string | null
  slice_location: number | null
  frame_of_reference_uid: string | null
  frame_time_ms: number | null
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

  /** What the catalogue knows of one DICOM image: its patient, study and series; null for images without a record. */
  identity(imageId: number): IdentityRow | null {
    return (this.db.prepare('SELECT d.*, i.frame, i.file_name FROM dicom_images d JOIN images i ON i.id = d.image_id WHERE d.image_id = ?').get(imageId) as
      | IdentityRow
      | undefined) ?? null
  }

  /**
   * The images of a series (the frames of one file when there is no series UID), in file order (name, path, frame),
   * with the geometry stored for their current content.
   */
  members(series: { studyUid: string | null; seriesUid: string | null; path: string }): StackMember[] {
    const where = series.seriesUid === null ? 'i.path = @path' : 'd.study_uid IS @studyUid AND d.series_uid = @seriesUid'
    const rows = this.db
      .prepare(
        `SELECT i.id AS image_id, i.path, i.frame, i.content_hash, d.instance_number, g.content_hash AS geometry_hash,
           g.position, g.orientation, g.slice_location, g.frame_of_reference_uid, g.frame_time_ms
         FROM images i LEFT JOIN dicom_images d ON d.image_id = i.id LEFT JOIN dicom_geometry g ON g.image_id = i.id
         WHERE ${where} ORDER BY i.file_name, i.path, i.frame, i.id`,
      )
      .all(series) as MemberRow[]
    return rows.map((row) => ({
      imageId: row.image_id,
      path: row.path,
      frame: row.frame,
      contentHash: row.content_hash,
      instanceNumber: row.instance_number,
      geometry:
        row.geometry_hash === row.content_hash
          ? {
              position: row.position === null ? null : (JSON.parse(row.position) as Vector3),
              orientation: row.orientation === null ? null : (JSON.parse(row.orientation) as Orientation),
              sliceLocation: row.slice_location,
              frameOfReferenceUid: row.frame_of_reference_uid,
              frameTimeMs: row.frame_time_ms,
            }
          : null,
    }))
  }

  /** Keeps the geometry read from images' files, for their current content, in one transaction. */
  saveGeometry(read: readonly { imageId: number; contentHash: string; geometry: StoredGeometry }[]): void {
    const save = this.db.prepare(
      `INSERT OR REPLACE INTO dicom_geometry (image_id, content_hash, position, orientation, slice_location,
         frame_of_reference_uid, frame_time_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      for (const { imageId, contentHash, geometry } of read) {
        save.run(
          imageId,
          contentHash,
          geometry.position && JSON.stringify(geometry.position),
          geometry.orientation && JSON.stringify(geometry.orientation),
          geometry.sliceLocation,
          geometry.frameOfReferenceUid,
          geometry.frameTimeMs,
        )
      }
    })()
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
      .all(imageIds ? { ids: JSON.stringify(imageIds) } : {}) as IdentityRow[]
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
