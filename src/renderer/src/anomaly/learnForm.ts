import type { AnomalyFitRequest, Label } from '../../../shared/api/schemas'
import { t } from '../i18n/t'

export type GoodSource = 'label' | 'selection' | 'folder'

export interface LearnForm {
  source: GoodSource
  label: string
  /** The folder typed or picked, and the image files found directly in it (null until listed). */
  folder: string
  folderImages: readonly string[] | null
  name: string
  /** The image model to learn with beside the one in use: chosen by Loupe ('auto'), none, or an installed one's id. */
  secondModel: SecondModelChoice
}

export type SecondModelChoice = { kind: 'auto' } | { kind: 'none' } | { kind: 'model'; id: string }

/** The choice as the request takes it: absent for Loupe's choice, null for none. */
function secondModelRequest(choice: SecondModelChoice): Pick<AnomalyFitRequest, 'secondModel'> {
  if (choice.kind === 'auto') return {}
  return { secondModel: choice.kind === 'none' ? null : choice.id }
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
  if (name === '') return { problem: t('anomaly.learn.problem.name') }
  const second = secondModelRequest(form.secondModel)
  if (form.source === 'label') {
    if (labels.length === 0) return { problem: t('anomaly.learn.problem.noLabels') }
    const label = labels.find((candidate) => candidate.name === form.label)
    if (!label) return { problem: t('anomaly.learn.problem.label') }
    return { request: { name, label: label.name, ...second }, count: label.imageCount }
  }
  if (form.source === 'selection') {
    if (!selection || selection.length === 0) return { problem: t('anomaly.learn.problem.selection') }
    return { request: { name, imageIds: [...selection], ...second }, count: selection.length }
  }
  if (form.folder.trim() === '') return { problem: t('anomaly.learn.problem.folder') }
  if (form.folderImages === null) return { problem: t('anomaly.learn.problem.listing') }
  if (form.folderImages.length === 0) return { problem: t('anomaly.learn.problem.emptyFolder') }
  return { request: { name, paths: [...form.folderImages], ...second }, count: form.folderImages.length }
}
