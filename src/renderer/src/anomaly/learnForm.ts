import type { AnomalyFitRequest, Label } from '../../../shared/api/schemas'

export type GoodSource = 'label' | 'selection' | 'folder'

export interface LearnForm {
  source: GoodSource
  label: string
  /** The folder typed or picked, and the image files found directly in it (null until listed). */
  folder: string
  folderImages: readonly string[] | null
  name: string
}

export const DEFAULT_MODEL_NAME = 'default'

/** A label named like "good" when there is one, else the label on the most images. */
export function likelyGoodLabel(labels: readonly Label[]): string {
  const good = labels.find((label) => /^(good|ok|okay|pass|normal)$/i.test(label.name.trim()))
  return (good ?? [...labels].sort((a, b) => b.imageCount - a.imageCount)[0])?.name ?? ''
}

/** The request the form makes, or why it cannot be made yet (a sentence for the person). */
export function planLearning(form: LearnForm, selection: readonly number[] | null, labels: readonly Label[]): { request: AnomalyFitRequest; count: number } | { problem: string } {
  const name = form.name.trim()
  if (name === '') return { problem: 'Give the model a name: learning again under an existing name adds a version.' }
  if (form.source === 'label') {
    if (labels.length === 0) return { problem: 'There are no labels yet: label the good images first, or learn from a selection or a folder.' }
    const label = labels.find((candidate) => candidate.name === form.label)
    if (!label) return { problem: 'Choose the label the good images carry.' }
    return { request: { name, label: label.name }, count: label.imageCount }
  }
  if (form.source === 'selection') {
    if (!selection || selection.length === 0) return { problem: 'Nothing was selected: select good images in the library and choose "Learn as good…".' }
    return { request: { name, imageIds: [...selection] }, count: selection.length }
  }
  if (form.folder.trim() === '') return { problem: 'Choose the folder of good images.' }
  if (form.folderImages === null) return { problem: 'Looking for images in the folder…' }
  if (form.folderImages.length === 0) return { problem: 'That folder holds no images directly (sub-folders are not looked into).' }
  return { request: { name, paths: [...form.folderImages] }, count: form.folderImages.length }
}
