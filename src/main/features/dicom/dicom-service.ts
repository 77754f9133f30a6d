import { access, copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type {
  DicomExportRequest,
  DicomExportResult,
  DicomFrameInfo,
  DicomMeasurementRow,
  DicomMetadata,
  DicomPatient,
  DicomStack,
  DicomWindow,
} from '../../../shared/api/schemas'
import { measurementValues } from '../../../shared/measure/measurement-values'
import type { CatalogService, StoredImage } from '../catalog'
import { browseFolder } from '../files'
import { describeFsError, isErrnoException } from '../../platform/fs/fs-errors'
import type { Db } from '../../platform/storage/database'
import type { FrameStatistics } from '../../engines/dicom/decode-methods'
import { dicomDecoder } from '../../engines/dicom/decoder'
import { deidentifyDicom, UidMapper } from '../../engines/dicom/deidentify'
import { DicomStore, type StackMember, type StoredGeometry } from './dicom-store'
import { dicomCache, type DicomImage } from '../../engines/dicom/image'
import { frameParameters } from '../../engines/dicom/image-module'
import { listTags, mainTags } from '../../engines/dicom/metadata'
import { parseDicomBytes } from '../../engines/dicom/parse'
import { windowPresets } from '../../engines/dicom/window'
import { frameGeometry, valueUnits, type FrameGeometry } from '../../engines/dicom/geometry'
import { orderStack } from '../../engines/dicom/stack-order'
import { exportedPng } from './export-png'
import { readImageToMeasure } from './measured-image'
import { measurementsCsv } from './measurements-csv'

type ParsedExport = Omit<DicomExportRequest, 'deidentify'> & { deidentify: boolean }

/** Frames whose statistics are remembered (a few hundred bytes each): several long series. */
const REMEMBERED_STATISTICS = 4096

/** How many of an occupied folder's files the refusal names. */
const NAMED_FILES = 3

/**
 * Makes the export's folder, or checks the one there. Loupe never overwrites: into a folder that already holds images,
 * DICOM or JSON files, the export would be written beside them under other names, two exports mixed in one folder.
 */
async function prepareExportFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null)
  if (existing && !existing.isDirectory()) {
    throw new ApiError('bad_request', `${dir} is a file, not a folder; export into a new or empty folder.`)
  }
  if (existing) {
    const listing = await browseFolder(dir)
    const files = listing.entries.filter((entry) => entry.kind !== 'dir').map((entry) => entry.name)
    if (files.length > 0) {
      const named = `${files.slice(0, NAMED_FILES).join(', ')}${files.length > NAMED_FILES ? ', …' : ''}`
      throw new ApiError(
        'conflict',
        `${listing.dir} already holds ${files.length} image or JSON file${files.length === 1 ? '' : 's'} (${named}); ` +
          'export into a new or empty folder.',
        { files: files.slice(0, NAMED_FILES) },
      )
    }
  }
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOTDIR' || error.code === 'EEXIST' ? 'part of that path is a file' : describeFsError(error)
    throw new ApiError('bad_request', `Cannot create the folder ${dir}: ${why}.`)
  })
}

/** The `dicom` API namespace: metadata, frame information for window/level, the series tree, and export. */
export class DicomService {
  private readonly store: DicomStore
  private readonly statisticsByContent = new Map<string, FrameStatistics | null>()

  constructor(
    db: Db,
    private readonly catalog: CatalogService,
  ) {
    this.store = new DicomStore(db)
  }

  series(imageIds?: number[]): DicomPatient[] {
    return this.store.tree(imageIds)
  }

  /**
   * Every measurement of the images (of all images when none are given) with its values: each image is read once,
   * DICOM frames in their modality values with their spacing, other pictures in pixels.
   */
  async measurements(imageIds?: number[]): Promise<DicomMeasurementRow[]> {
    if (imageIds) {
      const found = new Set(this.catalog.summariesOf(imageIds).map((image) => image.id))
      const missing = imageIds.filter((id) => !found.has(id))
      if (missing.length) throw new ApiError('not_found', `There is no image ${missing.join(', ')} in this catalogue.`)
    }
    const byImage = new Map<number, ReturnType<DicomStore['measurements']>>()
    for (const stored of this.store.measurements(imageIds)) byImage.set(stored.imageId, [...(byImage.get(stored.imageId) ?? []), stored])
    const rows: DicomMeasurementRow[] = []
    for (const [imageId, measured] of byImage) {
      const stored = this.catalog.findById(imageId)
      const first = measured[0]!
      if (!stored) continue
      const { image, unreadable } = await readImageToMeasure(stored, first)
      for (const { fileName, frame, seriesUid, instanceNumber, measurement } of measured) {
        const values = measurementValues(measurement.kind, measurement.points, image)
        rows.push({ imageId, fileName, frame, seriesUid, instanceNumber, measurement, values: unreadable ? { ...values, note: unreadable } : values })
      }
    }
    return rows
  }

  async metadata(imageId: number): Promise<DicomMetadata> {
    const { stored, image } = await this.open(imageId)
    const { identity, file } = image
    return {
      imageId,
      frame: stored.frame,
      frames: image.module.frames,
      transferSyntax: { uid: file.syntax.uid, name: file.syntax.name },
      patient: { id: identity.patientId, name: identity.patientName },
      study: { uid: identity.studyUid, date: identity.studyDate, description: identity.studyDescription },
      series: {
        uid: identity.seriesUid,
        number: identity.seriesNumber,
        description: identity.seriesDescription,
        modality: identity.modality,
      },
      instanceNumber: identity.instanceNumber,
      main: mainTags(file),
      tags: listTags(file),
      warnings: file.warnings.slice(0, 20),
    }
  }

  async frame(imageId: number): Promise<DicomFrameInfo> {
    const { stored, image } = await this.open(imageId)
    const { module, file } = image
    const params = frameParameters(file, module, stored.frame)
    const monochrome = module.samplesPerPixel === 1 && !module.palette
    const statistics = monochrome ? await this.statistics(stored) : null
    const units = valueUnits(file, params, monochrome)
    const geometry = frameGeometry(file, stored.frame)
    return {
      imageId,
      frame: stored.frame,
      frames: module.frames,
      width: module.columns,
      height: module.rows,
      photometric: module.photometric,
      samplesPerPixel: module.samplesPerPixel,
      bitsAllocated: module.bitsAllocated,
      bitsStored: module.bitsStored,
      signed: module.signed,
      monochrome,
      invert: module.photometric === 'MONOCHROME1',
      rescale: params.hasRescale ? { slope: params.rescaleSlope, intercept: params.rescaleIntercept, units: params.units } : null,
      windows: params.windows,
      defaultWindow: statistics?.defaultWindow ?? { center: 128, width: 256, source: 'data' },
      voiFunction: params.voiFunction,
      valueRange: statistics?.valueRange ?? null,
      presets: monochrome ? windowPresets(units, statistics) : [],
      raw: monochrome ? { path: `/raw/${imageId}`, dtype: 'float32le', width: module.columns, height: module.rows } : null,
      modality: image.identity.modality,
      units,
      pixelSpacing: geometry.pixelSpacing,
      geometry: {
        position: geometry.position,
        orientation: geometry.orientation,
        sliceLocation: geometry.sliceLocation,
        sliceThickness: geometry.sliceThickness,
      },
      frameTimeMs: geometry.frameTimeMs,
    }
  }

  /** The image's series in reading order, with what the reader's overlays say about it. */
  async stack(imageId: number): Promise<DicomStack> {
    const stored = this.catalog.findById(imageId)
    if (!stored) throw new ApiError('not_found', `There is no image ${imageId} in this catalogue.`)
    if (stored.format !== 'dicom') {
      throw new ApiError('bad_request', `Image ${imageId} is not a DICOM image, so it has no series to scroll through.`)
    }
    const identity = this.store.identity(imageId)
    const seriesUid = identity?.series_uid ?? null
    const members = await this.withGeometry(this.store.members({ studyUid: identity?.study_uid ?? null, seriesUid, path: stored.path }))
    const ordered = orderStack(
      members.map((member) => ({
        ...member,
        position: member.geometry?.position ?? null,
        orientation: member.geometry?.orientation ?? null,
        sliceLocation: member.geometry?.sliceLocation ?? null,
      })),
    )
    // The image is always among its own series' members (their query is its series UID, or its file).
    const index = ordered.slices.findIndex(({ candidate }) => candidate.imageId === imageId)
    const asked = ordered.slices[index]!.candidate.geometry
    const frameTimeMs = asked?.frameTimeMs ?? members.find((member) => member.geometry?.frameTimeMs)?.geometry?.frameTimeMs ?? null
    return {
      imageId,
      index,
      seriesUid,
      seriesNumber: identity?.series_number ?? null,
      seriesDescription: identity?.series_description ?? null,
      modality: identity?.modality ?? null,
      patient: { id: identity?.patient_id ?? null, name: identity?.patient_name ?? null },
      study: { uid: identity?.study_uid ?? null, date: identity?.study_date ?? null, description: identity?.study_description ?? null },
      frameOfReferenceUid: asked?.frameOfReferenceUid ?? null,
      order: ordered.order,
      normal: ordered.normal,
      framesPerSecond: frameTimeMs ? 1000 / frameTimeMs : null,
      slices: ordered.slices.map(({ candidate, location }) => ({
        imageId: candidate.imageId,
        frame: candidate.frame,
        instanceNumber: candidate.instanceNumber,
        location,
      })),
    }
  }

  /**
   * Fills in the geometry of members whose files were not read since their content was imported: each file once (its
   * header, in the decode workers), kept in the catalogue. A file that cannot be read leaves its images without
   * geometry, to be tried again next time.
   */
  private async withGeometry(members: StackMember[]): Promise<StackMember[]> {
    const unread = [...new Set(members.filter((member) => member.geometry === null).map((member) => member.path))]
    if (unread.length === 0) return members
    const read = new Map<string, FrameGeometry[]>()
    await Promise.all(
      unread.map(async (path) => {
        const frames = await dicomDecoder.geometry(path).catch(() => null)
        if (frames) read.set(path, frames)
      }),
    )
    const filled: { imageId: number; contentHash: string; geometry: StoredGeometry }[] = []
    const result = members.map((member) => {
      const geometry = member.geometry ?? read.get(member.path)?.[member.frame] ?? null
      if (geometry && !member.geometry) filled.push({ imageId: member.imageId, contentHash: member.contentHash, geometry })
      return { ...member, geometry }
    })
    this.store.saveGeometry(filled)
    return result
  }

  async exportImages(request: ParsedExport): Promise<DicomExportResult> {
    const dir = request.out
    await prepareExportFolder(dir)
    const uids = new UidMapper()
    const result: DicomExportResult = { dir, written: [], failed: [], measurementsFile: null, warnings: [] }
    const warned = new Set<string>()
    const warn = (text: string) => {
      if (!warned.has(text)) result.warnings.push(text)
      warned.add(text)
    }
    const images = this.catalog.summariesOf(request.imageIds)
    const found = new Set(images.map((image) => image.id))
    for (const id of request.imageIds) if (!found.has(id)) result.failed.push({ imageId: id, reason: 'not in the catalogue' })
    const stored = images.map((image) => this.catalog.findById(image.id)).filter((s): s is StoredImage => s !== undefined)
    for (const image of stored.filter((s) => s.format !== 'dicom')) result.failed.push({ imageId: image.id, reason: 'not a DICOM image' })
    const dicomImages = stored.filter((s) => s.format === 'dicom')
    const names = new Names(dir)
    let counter = 0
    const measured = await this.measurements(dicomImages.map((image) => image.id))
    const writeMeasurements = async () => {
      result.measurementsFile = await this.writeMeasurementsCsv(names, measured, result.written)
      return result
    }

    if (request.format === 'dcm') {
      // One file per source file, whichever of its frames were chosen.
      const byPath = new Map<string, StoredImage[]>()
      for (const image of dicomImages) byPath.set(image.path, [...(byPath.get(image.path) ?? []), image])
      for (const [path, group] of byPath) {
        const ids = group.map((image) => image.id)
        try {
          counter += 1
          const name = request.deidentify ? numbered(counter, '.dcm') : withExtension(basename(path), '.dcm')
          const target = await names.claim(name)
          if (request.deidentify) {
            const file = parseDicomBytes(await readFile(path))
            const out = deidentifyDicom(file, { uids, ...(request.pseudonym ? { pseudonym: request.pseudonym } : {}) })
            out.warnings.forEach(warn)
            await writeFile(target, out.bytes, { flag: 'wx' })
          } else {
            await copyFile(path, target)
          }
          result.written.push({ imageIds: ids, file: target, sidecar: null })
        } catch (error) {
          for (const id of ids) result.failed.push({ imageId: id, reason: reasonOf(error) })
        }
      }
      return writeMeasurements()
    }

    for (const image of dicomImages) {
      try {
        counter += 1
        const opened = await dicomCache.open(image.path)
        const png = await exportedPng(image.path, image.frame, {
          window: request.window as DicomWindow | undefined,
          invert: request.invert === true,
          measurements: request.burnInMeasurements ? measured.filter((row) => row.imageId === image.id) : [],
        })
        const frameSuffix = opened.module.frames > 1 ? `-frame${image.frame + 1}` : ''
        const name = request.deidentify
          ? numbered(counter, '.png')
          : withExtension(`${stem(basename(image.path))}${frameSuffix}`, '.png')
        const target = await names.claim(name)
        await writeFile(target, png, { flag: 'wx' })
        let sidecar: string | null = null
        if (request.deidentify) {
          const out = deidentifyDicom(opened.file, { uids, ...(request.pseudonym ? { pseudonym: request.pseudonym } : {}) })
          out.warnings.forEach(warn)
          const deidentified = parseDicomBytes(out.bytes)
          const json = {
            deidentified: true,
            method: 'DICOM PS3.15 E.1 Basic Application Confidentiality Profile',
            frame: image.frame,
            frames: opened.module.frames,
            window: request.window ?? null,
            tags: listTags(deidentified).filter((tag) => tag.tag !== '(7FE0,0010)'),
          }
          sidecar = await names.claim(`${stem(basename(target))}.json`)
          await writeFile(sidecar, `${JSON.stringify(json, null, 2)}\n`, { flag: 'wx' })
        }
        result.written.push({ imageIds: [image.id], file: target, sidecar })
      } catch (error) {
        result.failed.push({ imageId: image.id, reason: reasonOf(error) })
      }
    }
    return writeMeasurements()
  }

  /** measurements.csv beside the exported files, naming each measurement's file as exported; null with none. */
  private async writeMeasurementsCsv(
    names: Names,
    rows: DicomMeasurementRow[],
    written: DicomExportResult['written'],
  ): Promise<string | null> {
    const exportedName = new Map<number, string>()
    for (const { imageIds, file } of written) for (const id of imageIds) exportedName.set(id, basename(file))
    const exported = rows.filter((row) => exportedName.has(row.imageId))
    if (exported.length === 0) return null
    const target = await names.claim('measurements.csv')
    await writeFile(target, measurementsCsv(exported, (imageId) => exportedName.get(imageId)!), { flag: 'wx' })
    return target
  }

  private async open(imageId: number): Promise<{ stored: StoredImage; image: DicomImage }> {
    const stored = this.catalog.findById(imageId)
    if (!stored) throw new ApiError('not_found', `There is no image ${imageId} in this catalogue.`)
    if (stored.format !== 'dicom') throw new ApiError('bad_request', `Image ${imageId} is not a DICOM image.`)
    try {
      return { stored, image: await dicomCache.open(stored.path) }
    } catch (error) {
      throw new ApiError('not_found', `Image ${imageId} cannot be read: ${reasonOf(error)}.`)
    }
  }

  /**
   * A frame's value range and windows. They depend on its content alone, so they are remembered by content hash: a
   * reader scrolling back over a series asks for each slice's facts again, and would otherwise decode it each time.
   */
  private async statistics(stored: StoredImage): Promise<FrameStatistics | null> {
    const known = this.statisticsByContent.get(stored.contentHash)
    if (known !== undefined) return known
    let statistics: FrameStatistics | null
    try {
      statistics = await dicomDecoder.statistics(stored.path, stored.frame)
    } catch (error) {
      throw new ApiError('bad_request', `The frame cannot be decoded: ${reasonOf(error)}.`)
    }
    this.statisticsByContent.set(stored.contentHash, statistics)
    if (this.statisticsByContent.size > REMEMBERED_STATISTICS) {
      this.statisticsByContent.delete(this.statisticsByContent.keys().next().value!)
    }
    return statistics
  }
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error) return String((error as { reason: unknown }).reason)
  if ((error as { code?: string })?.code === 'EEXIST') return 'a file of that name already exists'
  if (isErrnoException(error)) return describeFsError(error)
  return error instanceof Error ? error.message : String(error)
}

function numbered(n: number, extension: string): string {
  return `image-${String(n).padStart(4, '0')}${extension}`
}

function stem(name: string): string {
  const extension = extname(name)
  return extension ? name.slice(0, -extension.length) : name
}

function withExtension(name: string, extension: string): string {
  return extname(name).toLowerCase() === extension ? name : `${stem(name) || 'image'}${extension}`
}

/** File names in the export folder: never one that exists or was already given out. */
class Names {
  private readonly taken = new Set<string>()

  constructor(private readonly dir: string) {}

  async claim(name: string): Promise<string> {
    const extension = extname(name)
    const base = extension ? name.slice(0, -extension.length) : name
    for (let n = 1; ; n += 1) {
      const candidate = join(this.dir, n === 1 ? name : `${base}-${n}${extension}`)
      if (this.taken.has(candidate)) continue
      const exists = await access(candidate).then(
        () => true,
        () => false,
      )
      if (exists) continue
      this.taken.add(candidate)
      return candidate
    }
  }
}

