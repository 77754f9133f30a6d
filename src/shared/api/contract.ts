import { z } from 'zod'
import * as s from './schemas'

/**
 * The one declaration of the API between the renderer and the services. The Electron IPC bridge, the Node host's
 * WebSocket and the renderer's client are all derived from it, so a method added here is added everywhere.
 *
 * This file is the index: every method with its request and reply. The shapes themselves live in ./schemas, one file
 * per namespace.
 */
const method = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, reply: Res) => ({ request, reply })

export const contract = {
  workspace: {
    info: method(s.Empty, s.WorkspaceInfo),
  },
  catalog: {
    stats: method(s.Empty, s.CatalogStats),
    listImages: method(s.ListImagesRequest, s.ImagePage),
    getImage: method(s.GetImageRequest, s.ImageDetail),
    listLabels: method(s.Empty, z.array(s.Label)),
    labelImages: method(s.LabelImagesRequest, s.Changed),
    setStatus: method(s.SetStatusRequest, s.Changed),
    /** Takes images out of the catalogue (with their annotations); their files on disk are never touched. */
    removeImages: method(s.RemoveImagesRequest, s.RemoveImagesResult),
  },
  imports: {
    start: method(s.ImportRequest, s.JobRef),
  },
  exports: {
    start: method(s.ExportRequest, s.JobRef),
    /** What an export would write and what it would lose, said before it runs. */
    plan: method(s.ExportPlanRequest, s.ExportPlan),
  },
  search: {
    status: method(s.Empty, s.SearchStatus),
    index: method(s.Empty, s.JobRef),
    /** Pauses or resumes indexing new images in the background (a setting of the workspace); pausing stops a running one. */
    setAutoIndex: method(s.AutoIndexRequest, s.SearchStatus),
    similar: method(s.SimilarRequest, z.array(s.SearchHit)),
    duplicates: method(s.DuplicatesRequest, z.array(s.DuplicateGroup)),
    /** The model's default near-duplicate threshold, calibrated on altered copies of catalogue images the first time. */
    duplicateThreshold: method(s.Empty, s.DuplicateThreshold),
  },
  models: {
    /** Installed models (kept once per user, shared by every workspace). */
    list: method(s.Empty, z.array(s.ModelInfo)),
    /** The models Loupe can download or recognise, marked installed / recommended for this machine. */
    known: method(s.Empty, z.array(s.KnownModelInfo)),
    /** What a model file or folder says about itself, and for an .onnx file what Loupe would guess: to confirm before adding. */
    inspect: method(s.InspectModelRequest, s.ModelInspection),
    add: method(s.AddModelRequest, s.ModelInfo),
    /** Fetches a known model (a 'model-download' job: progress, cancel, resume where it stopped), checks its hash, installs it. */
    download: method(s.ModelIdRequest, s.JobRef),
    /**
     * Makes an installed model the one indexing and search use. Its embeddings are kept per model, so images it has
     * not embedded yet show as pending, and switching back to an earlier model needs no re-indexing.
     */
    activate: method(s.ModelIdRequest, s.ModelInfo),
  },
  annotations: {
    get: method(s.ImageRef, s.ImageAnnotations),
    addBox: method(s.AddBoxRequest, s.ImageAnnotations),
    updateBox: method(s.UpdateBoxRequest, s.ImageAnnotations),
    deleteBoxes: method(s.DeleteBoxesRequest, s.ImageAnnotations),
    copyBoxes: method(s.CopyBoxesRequest, s.ImageAnnotations),
    setTags: method(s.SetTagsRequest, s.ImageAnnotations),
    addMeasurement: method(s.AddMeasurementRequest, s.ImageAnnotations),
    updateMeasurement: method(s.UpdateMeasurementRequest, s.ImageAnnotations),
    deleteMeasurements: method(s.DeleteMeasurementsRequest, s.ImageAnnotations),
    undo: method(s.ImageRef, s.ImageAnnotations),
    redo: method(s.ImageRef, s.ImageAnnotations),
  },
  labels: {
    create: method(s.CreateLabelRequest, s.Label),
    update: method(s.UpdateLabelRequest, s.Label),
    merge: method(s.MergeLabelsRequest, s.Label),
    remove: method(s.LabelIdRequest, s.Ok),
  },
  jobs: {
    list: method(s.Empty, z.array(s.JobSummary)),
    cancel: method(s.JobIdRequest, s.Ok),
    resume: method(s.JobIdRequest, s.JobRef),
  },
  files: {
    browse: method(s.BrowseRequest, s.BrowseListing),
    /** A picture of an image file from outside, with its size; refused with the reason when it is not a readable image. */
    preview: method(s.PreviewRequest, s.FilePreview),
  },
  dialogs: {
    pickImportPaths: method(s.Empty, s.PickedPaths),
  },
  dicom: {
    /** The metadata panel of a DICOM image: identity, main tags, and every tag of its file. */
    metadata: method(s.ImageRef, s.DicomMetadata),
    /** What the viewer needs for window/level of one image (frame): rescale, windows, presets, where its values are. */
    frame: method(s.ImageRef, s.DicomFrameInfo),
    /** The image's series in reading order (by position where the slices carry it), for the reader's stack. */
    stack: method(s.DicomStackRequest, s.DicomStack),
    /** Measurements with their values (mm, mm², HU…), for listing and export. */
    measurements: method(s.DicomMeasurementsRequest, z.array(s.DicomMeasurementRow)),
    /** Patient → study → series → images (frames), for all DICOM images or the ones given. */
    series: method(s.DicomSeriesRequest, z.array(s.DicomPatient)),
    /** PNG or DICOM files of the chosen images, de-identified unless asked otherwise. */
    exportImages: method(s.DicomExportRequest, s.DicomExportResult),
  },
  training: {
    /** The active classifier, prediction coverage, whether training can start (and why not), the detector. */
    status: method(s.TrainingStatusRequest, s.TrainingStatus),
    /** Trains a classifier head on the labelled images' embeddings (a 'train' job; refused with the reason when the
     * labels cannot support one). The new version becomes active and every indexed image gets a prediction. */
    start: method(s.TrainRequest, s.JobRef),
    /** Loss and accuracy per epoch of a training job so far (the same as its 'training.epoch' events). */
    curves: method(s.CurvesRequest, z.array(s.EpochMetrics)),
    versions: method(s.Empty, z.array(s.ClassifierSummary)),
    version: method(s.VersionRef, s.ClassifierDetail),
    /** Makes a version the one whose predictions the library shows (predictions are recomputed). */
    activate: method(s.VersionRef, s.ClassifierSummary),
    deleteVersion: method(s.VersionRef, s.Ok),
    /** Writes a version as a TensorFlow.js layers model (model.json, weights.bin) with a loupe-classifier.json. */
    exportVersion: method(s.ExportClassifierRequest, s.ExportClassifierResult),
    importVersion: method(s.ImportClassifierRequest, s.ClassifierSummary),
    /** Classifies files (outside ones are embedded, not added) or catalogue images with the active version. */
    predict: method(s.PredictRequest, z.array(s.PredictedItem)),
    /** Tags each image with its predicted class (replacing its other classes of this classifier); undoable per image. */
    acceptPredictions: method(s.AcceptPredictionsRequest, s.Changed),
    /** Unlabelled images to label next: most uncertain first, near-identical ones kept apart. */
    labelNext: method(s.LabelNextRequest, z.array(s.QueueItem)),
    /** Labelled images whose confident prediction disagrees with their label. */
    labelErrors: method(s.LabelErrorsRequest, z.array(s.LabelErrorItem)),
    /** Runs the object detector over images (a 'prelabel' job), storing box suggestions. */
    prelabel: method(s.PrelabelRequest, s.JobRef),
    /** Runs the detector on one image at once (no job), replacing its pending suggestions; returns them. */
    prelabelImage: method(s.PrelabelImageRequest, z.array(s.BoxSuggestion)),
    suggestions: method(s.SuggestionsRequest, z.array(s.BoxSuggestion)),
    /** Turns suggestions into real boxes through the annotation service (each one undoable). */
    acceptSuggestions: method(s.DecideSuggestionsRequest, s.ImageAnnotations),
    rejectSuggestions: method(s.DecideSuggestionsRequest, s.Ok),
  },
  detector: {
    /** The backend, the box classes, whether a detector can be trained (and why not), the active version. */
    status: method(s.Empty, s.DetectorStatus),
    /** Trains a box detector on the workspace's boxes (a 'detector-train' job); the new version becomes active. */
    train: method(s.DetectorTrainRequest, s.JobRef),
    /** Loss and validation mAP50 per epoch of a training job so far (the same as its 'detector.epoch' events). */
    curves: method(s.DetectorCurvesRequest, z.array(s.DetectorEpoch)),
    versions: method(s.Empty, z.array(s.DetectorSummary)),
    version: method(s.DetectorRef, s.DetectorDetail),
    activate: method(s.DetectorRef, s.DetectorSummary),
    setThreshold: method(s.DetectorThresholdRequest, s.DetectorSummary),
    deleteVersion: method(s.DetectorRef, s.Ok),
    exportVersion: method(s.ExportDetectorRequest, s.ExportDetectorResult),
    importVersion: method(s.ImportDetectorRequest, s.DetectorSummary),
    /** Boxes on files (outside ones are read, not added) or catalogue images, now, with a version (default the active). */
    detect: method(s.DetectRequest, z.array(s.DetectedImage)),
    /** Runs the active version over catalogue images (a 'detect' job) and keeps what it finds for the library. */
    detectAll: method(s.DetectRequest, s.JobRef),
    /** The active version's boxes on one image as pending suggestions (the pre-labelling accept/reject flow). */
    suggest: method(s.SuggestBoxesRequest, z.array(s.BoxSuggestion)),
  },
  anomaly: {
    /** Every anomaly model version, newest first. */
    models: method(s.Empty, z.array(s.AnomalyModelSummary)),
    /** Learns "good" from a label, images or outside files (an 'anomaly-fit' job), then scores every catalogue image. */
    fit: method(s.AnomalyFitRequest, s.JobRef),
    /** Scores files (not added) with a model, or gives every catalogue image's stored score, highest first. */
    score: method(s.AnomalyScoreRequest, z.array(s.AnomalyScore)),
    deleteModel: method(s.AnomalyModelRef, s.Ok),
    /** Makes a version the one the library uses and that scores without a name (a workspace setting). */
    setActive: method(s.AnomalyModelRef, s.AnomalyModelSummary),
    /** What a threshold would flag and cost in false alarms, without saving it. */
    previewThreshold: method(s.AnomalyThresholdRequest, s.AnomalyThresholdPreview),
    /** Saves a person's threshold for a version; the library's anomalous images follow it. */
    setThreshold: method(s.AnomalyThresholdRequest, s.AnomalyModelSummary),
    /** One image's anomaly map, score and hot regions, computed now with a model (default: the workspace's). */
    heatmap: method(s.AnomalyHeatmapRequest, s.AnomalyHeatmap),
    /** ROC, AUROC, the confusion at a threshold and the worst mistakes, on the catalogue images labelled good or defective. */
    evaluate: method(s.AnomalyEvaluateRequest, s.AnomalyEvaluation),
  },
  map: {
    /** Whether the active model's embeddings have a 2-D layout, and how many images it lacks. */
    status: method(s.Empty, s.MapStatus),
    /** Lays the active model's embeddings out (a 'map-layout' job), or places the images indexed since the layout. */
    compute: method(s.MapComputeRequest, s.JobRef),
    /** Every point of the active model's map, in [0, 1]², as parallel arrays. */
    points: method(s.MapPointsRequest, s.MapPoints),
    /** One attribute of every point (class, prediction, confidence, status, anomaly score, detector hits), in points' order. */
    colours: method(s.MapColoursRequest, s.MapColours),
  },
} as const

/** Messages the services push without being asked. */
export const events = {
  'jobs.progress': s.JobSummary,
  'catalog.changed': s.CatalogChanged,
  'search.indexChanged': s.IndexChanged,
  /** Automatic indexing was paused or resumed. */
  'search.autoIndexChanged': s.AutoIndexRequest,
  /** One epoch of a running training job: for live loss/accuracy curves. */
  'training.epoch': s.EpochEvent,
  /** Classifier versions, predictions or box suggestions changed: views showing them should refresh. */
  'training.changed': s.TrainingChanged,
  /** One epoch of a running detector training job: for live loss/mAP curves. */
  'detector.epoch': s.DetectorEpochEvent,
  /** Detector versions or their stored detections changed. */
  'detector.changed': s.DetectorChanged,
  /** Anomaly models or the catalogue's anomaly scores changed. */
  'anomaly.changed': s.AnomalyChanged,
  /** The active model's map was laid out again or gained points. */
  'map.changed': s.MapChanged,
} as const

export type Contract = typeof contract
export type Namespace = keyof Contract
export type MethodName<N extends Namespace> = keyof Contract[N] & string
export type Channel = { [N in Namespace]: `${N}.${MethodName<N>}` }[Namespace]

type Spec<N extends Namespace, M extends MethodName<N>> = Contract[N][M] extends {
  request: infer Req extends z.ZodType
  reply: infer Res extends z.ZodType
}
  ? { request: Req; reply: Res }
  : never

export type RequestOf<N extends Namespace, M extends MethodName<N>> = z.input<Spec<N, M>['request']>
export type ParsedRequestOf<N extends Namespace, M extends MethodName<N>> = z.output<Spec<N, M>['request']>
export type ReplyOf<N extends Namespace, M extends MethodName<N>> = z.output<Spec<N, M>['reply']>

export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>

/** What the renderer calls: every method of the contract as an async function. */
export type LoupeApi = {
  [N in Namespace]: { [M in MethodName<N>]: (request: RequestOf<N, M>) => Promise<ReplyOf<N, M>> }
}

/** What the services implement: the same methods, receiving already-validated requests. */
export type LoupeHandlers = {
  [N in Namespace]: {
    [M in MethodName<N>]: (request: ParsedRequestOf<N, M>) => Promise<ReplyOf<N, M>> | ReplyOf<N, M>
  }
}

export function channelsOf(api: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(api)
    .flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`))
    .sort()
}

/** Every channel the contract declares, sorted; both transports must expose exactly these. */
export const CHANNELS = channelsOf(contract) as Channel[]

/**
 * The request and reply schemas of a channel ("namespace.method"), or undefined when the contract declares no such
 * method. Channels arrive from the other side of a transport, so only the contract's own properties count: names
 * such as "__proto__.toString" or "constructor.name" find nothing, and neither does anything but exactly two parts.
 */
export function specOf(channel: string): { request: z.ZodType; reply: z.ZodType } | undefined {
  if (typeof channel !== 'string') return undefined
  const parts = channel.split('.')
  if (parts.length !== 2) return undefined
  const [ns, m] = parts as [string, string]
  const table = contract as Record<string, Record<string, { request: z.ZodType; reply: z.ZodType }>>
  if (!Object.hasOwn(table, ns)) return undefined
  const namespace = table[ns]!
  return Object.hasOwn(namespace, m) ? namespace[m] : undefined
}
