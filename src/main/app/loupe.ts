import { join } from 'node:path'
import type { LoupeHandlers } from '../../shared/api/contract'
import { dicomDecoder } from '../engines/dicom/decoder'
import { annotationHandlers, AnnotationService } from '../features/annotations'
import { AnomalyFitRunner, anomalyHandlers, AnomalyService, AnomalyStore } from '../features/anomaly'
import { catalogHandlers, CatalogService } from '../features/catalog'
import { closeDetectorServices, createDetectorServices, DetectAllRunner, detectorHandlers, DetectorTrainRunner, type DetectorServices } from '../features/detector'
import { dialogHandlers, type ShellCapabilities } from '../features/dialogs'
import { dicomHandlers, DicomService } from '../features/dicom'
import { exportHandlers, ExportRunner } from '../features/exports'
import { fileHandlers } from '../features/files'
import { importHandlers, ImportRunner } from '../features/imports'
import { jobHandlers } from '../features/jobs'
import { labelHandlers, LabelService } from '../features/labels'
import { keepMapCurrent, mapHandlers, MapColourReader, MapLayoutRunner, MapService, MapStore } from '../features/map'
import { MediaService } from '../features/media'
import { Embedder, ModelDownloadRunner, modelHandlers, ModelSetting } from '../features/models'
import { AutoIndexer, DuplicateCalibration, EmbeddingStore, IndexRunner, keepSearchCurrent, searchHandlers, SearchService } from '../features/search'
import {
  closeTrainingServices,
  createTrainingServices,
  keepPredictionsCurrent,
  PrelabelRunner,
  trainingHandlers,
  TrainRunner,
  type TrainingServices,
} from '../features/training'
import { workspaceHandlers } from '../features/workspace'
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../platform/api/dispatcher'
import { createInProcessClient, type InProcessClient } from '../platform/api/in-process'
import { EventBus } from '../platform/events/event-bus'
import { JobManager } from '../platform/jobs/job-manager'
import { defaultModelsDir } from '../platform/workspace/location'
import { openWorkspace, type Workspace } from '../platform/workspace/workspace'

export type { ShellCapabilities } from '../features/dialogs'

/** Every service of one open workspace, wired together; the shell, the Node host and the CLI each hold one. */
export interface Loupe {
  readonly workspace: Workspace
  readonly events: EventBus
  readonly catalog: CatalogService
  readonly labels: LabelService
  readonly annotations: AnnotationService
  readonly jobs: JobManager
  readonly media: MediaService
  readonly embedder: Embedder
  readonly search: SearchService
  /** Indexing new images in the background; watching for them only when opened with `indexAutomatically`. */
  readonly autoIndex: AutoIndexer
  readonly dicom: DicomService
  readonly training: TrainingServices
  readonly anomaly: AnomalyService
  readonly detector: DetectorServices
  readonly map: MapService
  /** The contract's boundary, for transports (IPC, WebSocket). */
  readonly dispatcher: Dispatcher
  /** The same boundary as typed calls, for the CLI, tests and benchmarks. */
  readonly client: InProcessClient
  close(): Promise<void>
}

export interface OpenOptions {
  workspaceDir: string
  /** The user's model store; default LOUPE_MODELS_DIR or the user-data folder's models/. */
  modelsDir?: string
  /** A base URL serving the known models' files by name (default LOUPE_MODEL_MIRROR): an internal copy, or a test's. */
  modelMirror?: string
  shell?: ShellCapabilities
  validateReplies?: DispatcherOptions['validateReplies']
  /**
   * Index new images in the background (see AutoIndexer): for the app and the host, which stay open while it runs. A
   * one-shot process (a CLI command, a test, a bench) would close under it, so it indexes when it means to.
   */
  indexAutomatically?: boolean
}

/** Composition only: builds the services, registers their jobs and reactions, and puts the contract on top. */
export async function openLoupe(options: OpenOptions): Promise<Loupe> {
  const workspace = openWorkspace(options.workspaceDir)
  const { db } = workspace
  const events = new EventBus()
  const jobs = new JobManager(db, events)
  const catalog = new CatalogService(db, events)
  const labels = new LabelService(db, catalog, events)
  const annotations = new AnnotationService(db, catalog, events)
  const media = new MediaService(catalog, workspace.thumbsDir, workspace.previewsDir)
  const dicom = new DicomService(db, catalog)
  const embedder = new Embedder(options.modelsDir ?? defaultModelsDir(), new ModelSetting(db), events)
  await embedder.adoptModelsFrom(workspace.legacyModelsDir)
  const embeddings = new EmbeddingStore(db)
  const search = new SearchService(catalog, embeddings, embedder, {
    ann: { dir: join(workspace.dir, 'cache', 'vectors') },
    thumbnailOf: async (id) => (await media.resolve('thumb', id))?.path ?? null,
    calibration: new DuplicateCalibration(db, catalog, embeddings, embedder),
  })
  const training = createTrainingServices(db, catalog, annotations, embedder, events)
  const anomaly = new AnomalyService(db, new AnomalyStore(db, join(workspace.dir, 'anomaly')), embedder, events)
  // The detector's suggestions join the pre-labelling ones, in the training feature's table.
  const detector = createDetectorServices(db, catalog, embedder, training.store, events)
  const map = new MapService(new MapStore(db), new MapColourReader(db), () => embedder.modelId, events)

  jobs.register(new ImportRunner(db, catalog, labels, workspace.thumbsDir, events))
  jobs.register(new ExportRunner(db, catalog))
  jobs.register(new IndexRunner(embeddings, embedder, events))
  jobs.register(new TrainRunner(db, training.store, training.worker, training.predictions, embeddings, embedder, events))
  jobs.register(new PrelabelRunner(db, catalog, training.store, training.detector, events))
  const mirror = options.modelMirror ?? process.env.LOUPE_MODEL_MIRROR
  jobs.register(new ModelDownloadRunner(embedder, mirror ? { mirror } : {}))
  jobs.register(new AnomalyFitRunner(anomaly, embedder))
  jobs.register(new DetectorTrainRunner(db, detector.store, detector.versions, detector.worker, embedder, events))
  jobs.register(new DetectAllRunner(detector.detection, detector.store, events))
  jobs.register(new MapLayoutRunner(map))

  keepSearchCurrent(events, search)
  keepPredictionsCurrent(events, training.store, training.predictions)
  const autoIndex = new AutoIndexer(db, jobs, embedder, embeddings, events)
  const stopAutoIndex = options.indexAutomatically ? autoIndex.watch() : () => undefined
  // The map follows indexing only where indexing runs by itself, for the same reason.
  const stopMapFollowing = options.indexAutomatically ? keepMapCurrent(events, jobs, map) : () => undefined

  const handlers: LoupeHandlers = {
    workspace: workspaceHandlers(workspace),
    catalog: catalogHandlers(catalog),
    labels: labelHandlers(labels),
    annotations: annotationHandlers(annotations),
    imports: importHandlers(jobs),
    exports: exportHandlers(jobs, catalog, db),
    search: searchHandlers(search, embedder, jobs, autoIndex),
    models: modelHandlers(embedder, jobs),
    jobs: jobHandlers(jobs),
    files: fileHandlers(),
    dialogs: dialogHandlers(options.shell ?? {}),
    dicom: dicomHandlers(dicom),
    training: trainingHandlers(training, jobs),
    anomaly: anomalyHandlers(anomaly, jobs),
    detector: detectorHandlers(detector, jobs),
    map: mapHandlers(map, jobs),
  }
  const dispatcher = createDispatcher(handlers, { validateReplies: options.validateReplies ?? true })

  let closed = false
  return {
    workspace,
    events,
    catalog,
    labels,
    annotations,
    jobs,
    media,
    embedder,
    search,
    autoIndex,
    dicom,
    training,
    anomaly,
    detector,
    map,
    dispatcher,
    client: createInProcessClient(dispatcher, events),
    async close() {
      if (closed) return
      closed = true
      // Before the jobs stop: their being stopped by the close is not someone cancelling automatic indexing.
      stopAutoIndex()
      stopMapFollowing()
      await search.close()
      await jobs.close()
      await closeTrainingServices(training)
      await closeDetectorServices(detector)
      await embedder.close()
      // The decode workers are the process's; another open workspace's next frame starts them again.
      await dicomDecoder.close()
      workspace.close()
    },
  }
}
