import { join } from 'node:path'
import { AnnotationService } from '../features/annotations/annotation-service'
import { CatalogService } from '../features/catalog/catalog-service'
import { LabelService } from '../features/labels/label-service'
import { createDispatcher, type Dispatcher } from '../platform/api/dispatcher'
import { dicomDecoder } from '../engines/dicom/decoder'
import { DicomService } from '../features/dicom/dicom-service'
import { ExportRunner } from '../features/exports/export-runner'
import { EventBus } from '../platform/events/event-bus'
import { ImportRunner } from '../features/imports/import-runner'
import { JobManager } from '../platform/jobs/job-manager'
import { MediaService } from '../features/media'
import { Embedder } from '../features/models/embedder'
import { EmbeddingStore } from '../features/search/embedding-store'
import { IndexRunner } from '../features/search/index-runner'
import { ModelSetting } from '../features/models/model-setting'
import { SearchService } from '../features/search/search-service'
import { PrelabelRunner } from '../features/training/prelabel-runner'
import { TrainRunner } from '../features/training/train-runner'
import { TrainingService } from '../features/training/training-service'
import { openWorkspace, type Workspace } from '../platform/workspace/workspace'
import { createApiHandlers, type ShellCapabilities } from './api-handlers'

export type { ShellCapabilities } from './api-handlers'

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
  readonly dicom: DicomService
  readonly training: TrainingService
  readonly dispatcher: Dispatcher
  close(): Promise<void>
}

export async function openLoupe(options: { workspaceDir: string; shell?: ShellCapabilities }): Promise<Loupe> {
  const workspace = openWorkspace(options.workspaceDir)
  const events = new EventBus()
  const catalog = new CatalogService(workspace.db)
  const labels = new LabelService(workspace.db, catalog)
  const annotations = new AnnotationService(workspace.db, catalog)
  const jobs = new JobManager(workspace.db, events)
  jobs.register(new ImportRunner(workspace.db, catalog, workspace.thumbsDir, events))
  jobs.register(new ExportRunner(workspace.db))
  const embedder = new Embedder(workspace.modelsDir, new ModelSetting(workspace.db))
  const embeddings = new EmbeddingStore(workspace.db)
  const search = new SearchService(catalog, embeddings, embedder, {
    ann: { dir: join(workspace.dir, 'cache', 'vectors') },
  })
  jobs.register(new IndexRunner(embeddings, embedder, events))
  events.subscribe((event, payload) => {
    const removed = event === 'catalog.changed' && (payload as { reason: string }).reason === 'removed'
    if (event === 'search.indexChanged' || removed) {
      search.invalidate()
      // Large catalogues get their approximate index rebuilt in the background as soon as the embeddings change.
      void search.prepareIndex().catch(() => undefined)
    }
  })
  const media = new MediaService(catalog, workspace.thumbsDir, workspace.previewsDir)
  const dicom = new DicomService(workspace.db, catalog)
  const training = new TrainingService(workspace.db, catalog, annotations, embedder, events)
  jobs.register(new TrainRunner(workspace.db, training, embeddings, embedder, events))
  jobs.register(new PrelabelRunner(workspace.db, catalog, training.store, events))
  // Newly indexed images get the active classifier's prediction in the background.
  events.subscribe((event) => {
    if (event === 'search.indexChanged' && training.store.activeId() !== null) {
      training.refreshPredictions('missing').catch((error: unknown) => console.error('Refreshing predictions failed:', error))
    }
  })
  let closed = false
  const loupe: Loupe = {
    workspace,
    events,
    catalog,
    labels,
    annotations,
    jobs,
    media,
    embedder,
    search,
    dicom,
    training,
    dispatcher: undefined as unknown as Dispatcher,
    async close() {
      if (closed) return
      closed = true
      await search.close()
      await jobs.close()
      await training.close()
      await embedder.close()
      // The decode workers are the process's; another open workspace's next frame starts them again.
      await dicomDecoder.close()
      workspace.close()
    },
  }
  return Object.assign(loupe, { dispatcher: createDispatcher(createApiHandlers(loupe, options.shell ?? {})) })
}
