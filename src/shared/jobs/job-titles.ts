import { IntlMessageFormat } from 'intl-messageformat'

/**
 * What each job is, as an ICU message by id. A service names its job with an id and values; the CLI prints the
 * English here, and the renderer shows its own catalogue's message for the id (its English is this table), so a job
 * started in English reads in Chinese in a Chinese window.
 */
export const JOB_TITLES = {
  importOne: 'Import {name}',
  importMany: 'Import {count, plural, one {# location} other {# locations}}',
  export: 'Export {format} to {path}',
  index: 'Index images for visual search ({model})',
  indexAutomatic: 'Index new images for visual search, automatically ({model})',
  prelabelChosen: 'Suggest boxes with the object detector ({count, plural, one {# image} other {# images}})',
  prelabelUnboxed: 'Suggest boxes with the object detector (images without boxes)',
  trainOnCrops: 'Train a classifier on box crops ({model})',
  trainOnImages:
    'Train a classifier on images labelled by {source, select, tags {their tags} boxes {their box classes} other {their tags, else box classes}} ({model})',
  anomalyFitFiles: 'Learn what good looks like: "{name}" from {count, plural, one {# file} other {# files}}',
  anomalyFitLabel: 'Learn what good looks like: "{name}" from images labelled "{label}"',
  anomalyFitChosen: 'Learn what good looks like: "{name}" from {count, plural, one {# chosen image} other {# chosen images}}',
  detectChosen: 'Find boxes in {count, plural, one {# image} other {# images}} with {detector}',
  detectAll: 'Find boxes in every image with {detector}',
  detectorTrainClasses: 'Train a box detector on {classes} ({model})',
  detectorTrainAll: 'Train a box detector on every box class ({model})',
  modelDownload: 'Download the model {model}',
  mapLayout: 'Lay out the embedding map ({model})',
  mapUpdate: 'Bring the embedding map up to date ({model})',
} as const

export type JobTitleId = keyof typeof JOB_TITLES

export const JOB_TITLE_IDS = Object.keys(JOB_TITLES) as [JobTitleId, ...JobTitleId[]]

/** A job's title as data: which message, and the values that fill it (names, paths, counts). */
export interface JobTitle {
  id: JobTitleId
  values: Record<string, string | number>
}

const english = new Map<JobTitleId, IntlMessageFormat>()

/** The title in English: what the CLI prints and the jobs table keeps beside the id. */
export function englishJobTitle(title: JobTitle): string {
  let format = english.get(title.id)
  if (!format) {
    format = new IntlMessageFormat(JOB_TITLES[title.id], 'en')
    english.set(title.id, format)
  }
  return String(format.format(title.values))
}
