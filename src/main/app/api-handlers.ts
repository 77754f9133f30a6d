import { resolve } from 'node:path'
import type { LoupeHandlers } from '../../shared/api/contract'
import { ApiError } from '../../shared/api/errors'
import { browseFolder } from '../features/files/browse'
import { activateModel, addModel, listModels } from '../features/models/models'
import { APP_VERSION } from '../platform/version'
import type { Loupe } from './loupe'

/** What only a desktop shell can do; the browser host leaves these out and the UI offers its own way instead. */
export interface ShellCapabilities {
  pickImportPaths?: () => Promise<string[]>
}

/** The contract's methods, each delegating to a service. Requests arrive already validated by the dispatcher. */
export function createApiHandlers(loupe: Omit<Loupe, 'dispatcher'>, shell: ShellCapabilities): LoupeHandlers {
  const { catalog, labels, annotations, jobs, events, workspace, search, embedder, dicom, training } = loupe
  const changed = <T>(reason: 'labels' | 'annotations', value: T): T => {
    events.emit('catalog.changed', { reason })
    return value
  }
  return {
    workspace: {
      info: () => ({ path: workspace.dir, schemaVersion: workspace.schemaVersion, appVersion: APP_VERSION }),
    },
    catalog: {
      stats: () => catalog.stats(),
      listImages: (request) => catalog.listImages(request),
      getImage: ({ id }) => catalog.getImage(id),
      listLabels: () => catalog.listLabels(),
      labelImages: ({ imageIds, label }) => {
        const changed = catalog.labelImages(imageIds, label)
        events.emit('catalog.changed', { reason: 'labels' })
        return { changed }
      },
      setStatus: ({ imageIds, status }) => {
        const changed = catalog.setStatus(imageIds, status)
        events.emit('catalog.changed', { reason: 'status' })
        return { changed }
      },
      removeImages: ({ imageIds }) => {
        const removed = catalog.removeImages(imageIds)
        events.emit('catalog.changed', { reason: 'removed' })
        return { removed }
      },
    },
    search: {
      status: () => search.status(),
      index: () => {
        const params = { modelId: embedder.modelId }
        const existing = jobs.findResumable('index', params)
        return { id: existing === undefined ? jobs.start('index', params) : jobs.resume(existing) }
      },
      similar: ({ query, k, filter }) =>
        search.similar('path' in query ? { ...query, path: resolve(query.path) } : query, k, filter),
      duplicates: ({ threshold }) => search.duplicates(threshold),
    },
    models: {
      list: () => listModels(embedder),
      add: async ({ dir }) => {
        const { model, activated } = await addModel(embedder, resolve(dir))
        if (activated) events.emit('search.indexChanged', { modelId: model.id })
        return model
      },
      activate: async ({ id }) => {
        const before = embedder.modelId
        const model = await activateModel(embedder, jobs, id)
        // Search, its indexes and the status line follow the model in use.
        if (model.id !== before) events.emit('search.indexChanged', { modelId: model.id })
        return model
      },
    },
    imports: {
      start: (request) => {
        if (request.annotations && request.paths.length !== 1) {
          throw new ApiError('bad_request', 'Importing annotations takes exactly one images folder.')
        }
        const params = {
          ...request,
          paths: request.paths.map((path) => resolve(path)),
          ...(request.annotations?.path && { annotations: { ...request.annotations, path: resolve(request.annotations.path) } }),
        }
        const existing = jobs.findResumable('import', params)
        return { id: existing === undefined ? jobs.start('import', params) : jobs.resume(existing) }
      },
    },
    exports: {
      start: (request) => ({ id: jobs.start('export', { ...request, out: resolve(request.out) }) }),
    },
    annotations: {
      get: ({ imageId }) => annotations.get(imageId),
      addBox: ({ imageId, label, ...rect }) => changed('annotations', annotations.addBox(imageId, label, rect)),
      updateBox: ({ imageId, boxId, ...update }) =>
        changed('annotations', annotations.updateBox(imageId, boxId, update)),
      deleteBoxes: ({ imageId, boxIds }) => changed('annotations', annotations.deleteBoxes(imageId, boxIds)),
      copyBoxes: ({ imageId, fromImageId }) => changed('annotations', annotations.copyBoxes(imageId, fromImageId)),
      setTags: ({ imageId, tags }) => changed('annotations', annotations.setTags(imageId, tags)),
      undo: ({ imageId }) => changed('annotations', annotations.undo(imageId)),
      redo: ({ imageId }) => changed('annotations', annotations.redo(imageId)),
    },
    labels: {
      create: ({ name, color, hotkey }) => changed('labels', labels.create(name, color, hotkey)),
      update: ({ id, ...changes }) => changed('labels', labels.update(id, changes)),
      merge: ({ sourceId, targetId }) => changed('labels', labels.merge(sourceId, targetId)),
      remove: ({ id }) => {
        labels.remove(id)
        return changed('labels', { ok: true as const })
      },
    },
    jobs: {
      list: () => jobs.list(),
      cancel: ({ id }) => {
        jobs.cancel(id)
        return { ok: true as const }
      },
      resume: ({ id }) => ({ id: jobs.resume(id) }),
    },
    files: {
      browse: ({ dir }) => browseFolder(dir),
    },
    dialogs: {
      pickImportPaths: async () =>
        shell.pickImportPaths ? { supported: true, paths: await shell.pickImportPaths() } : { supported: false, paths: [] },
    },
    dicom: {
      metadata: ({ imageId }) => dicom.metadata(imageId),
      frame: ({ imageId }) => dicom.frame(imageId),
      series: ({ imageIds }) => dicom.series(imageIds),
      exportImages: (request) => dicom.exportImages({ ...request, out: resolve(request.out) }),
    },
    training: {
      status: () => training.status(),
      start: (request) => {
        training.checkCanTrain(request)
        return { id: jobs.start('train', request) }
      },
      curves: ({ jobId }) => training.curves(jobId),
      versions: () => training.versions(),
      version: ({ id }) => training.version(id),
      activate: ({ id }) => training.activate(id),
      deleteVersion: ({ id }) => {
        training.deleteVersion(id)
        return { ok: true as const }
      },
      exportVersion: ({ id, dir }) => training.exportVersion(id, dir),
      importVersion: ({ dir }) => training.importVersion(dir),
      predict: (request) => training.predict(request),
      acceptPredictions: ({ imageIds }) => ({ changed: training.acceptPredictions(imageIds) }),
      labelNext: (request) => training.labelNext(request),
      labelErrors: (request) => training.labelErrors(request),
      prelabel: ({ imageIds, threshold }) => ({ id: jobs.start('prelabel', { ...(imageIds ? { imageIds } : {}), threshold }) }),
      suggestions: ({ imageId, includeDecided, minScore }) => training.suggestions(imageId, includeDecided, minScore),
      acceptSuggestions: ({ imageId, suggestionIds, label }) => training.acceptSuggestions(imageId, suggestionIds, label),
      rejectSuggestions: ({ imageId, suggestionIds }) => {
        training.rejectSuggestions(imageId, suggestionIds)
        return { ok: true as const }
      },
    },
  }
}
