import { describe, expect, it } from 'vitest'
import { chosenScans, planScanExport, PSEUDONYM_MAX_LENGTH, writtenSummary } from '../../../src/renderer/src/dicom-export/scanExportForm'
import type { DicomExportResult, DicomPatient } from '../../../src/shared/api/schemas'

const folder = { location: '/out', folderName: 'scans-deidentified' }

describe('the scan export form', () => {
  it('sends the DICOM images with the pseudonym, only when de-identifying', () => {
    expect(planScanExport({ format: 'png', deidentify: true, pseudonym: ' STUDY-042 ', folder }, [3, 4])).toEqual({
      ok: true,
      request: { imageIds: [3, 4], out: '/out/scans-deidentified', format: 'png', deidentify: true, pseudonym: 'STUDY-042' },
    })
    const identified = planScanExport({ format: 'dcm', deidentify: false, pseudonym: 'STUDY-042', folder }, [3])
    expect(identified.ok && identified.request).toEqual({ imageIds: [3], out: '/out/scans-deidentified', format: 'dcm', deidentify: false })
  })

  it('refuses nothing to export, a folder not chosen, and a pseudonym too long for the tag', () => {
    expect(planScanExport({ format: 'png', deidentify: true, pseudonym: '', folder }, [])).toMatchObject({ ok: false })
    expect(planScanExport({ format: 'png', deidentify: true, pseudonym: '', folder: { location: '', folderName: 'x' } }, [1])).toMatchObject({ ok: false })
    const long = 'x'.repeat(PSEUDONYM_MAX_LENGTH + 1)
    expect(planScanExport({ format: 'png', deidentify: true, pseudonym: long, folder }, [1])).toMatchObject({ ok: false, problem: expect.stringContaining('at most') })
  })

  it('counts the chosen scans and names each image by its file and frame', () => {
    const series = (seriesUid: string, images: { imageId: number; fileName: string; frame: number }[]) => ({
      seriesUid,
      seriesNumber: 1,
      seriesDescription: null,
      modality: 'CT',
      images: images.map((image) => ({ ...image, instanceNumber: null })),
    })
    const patients: DicomPatient[] = [
      {
        patientId: 'P1',
        patientName: 'Doe^Jane',
        studies: [
          {
            studyUid: '1.2',
            studyDate: null,
            studyDescription: null,
            series: [series('1.2.1', [{ imageId: 1, fileName: 'a.dcm', frame: 0 }]), series('1.2.2', [{ imageId: 2, fileName: 'b.dcm', frame: 1 }])],
          },
        ],
      },
    ]
    const scans = chosenScans(patients)
    expect(scans).toMatchObject({ imageIds: [1, 2], patients: 1, series: 2 })
    expect(scans.names.get(2)).toBe('b.dcm (frame 2)')
  })

  it('sums up what was written', () => {
    const result = (sidecars: (string | null)[]): DicomExportResult => ({
      dir: '/out',
      written: sidecars.map((sidecar, i) => ({ imageIds: [i + 1], file: `/out/image-${i + 1}.png`, sidecar })),
      failed: [],
      measurementsFile: null,
      warnings: [],
    })
    expect(writtenSummary(result(['/out/image-1.json']))).toBe('Wrote 1 file and 1 JSON sidecar')
    expect(writtenSummary(result([null, null]))).toBe('Wrote 2 files')
  })
})
