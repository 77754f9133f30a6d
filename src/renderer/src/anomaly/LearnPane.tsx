import { useEffect, useId, useState } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { isJobActive, useLatestJob } from '../jobs/useLatestJob'
import type { LibraryView } from '../library/useLibraryView'
import { FolderDialog } from '../training/FolderDialog'
import { RadioChoices, type RadioChoice } from '../ui/RadioChoices'
import { DEFAULT_MODEL_NAME, likelyGoodLabel, planLearning, type GoodSource, type LearnForm } from './learnForm'
import { LearnRun } from './LearnRun'
import { SecondModelField } from './SecondModelField'
import { useAnomalyModels } from './useAnomalyModels'
import { t } from '../i18n/t'

interface Props {
  /** Images the library had selected when it opened this view, if any. */
  goodImageIds: readonly number[] | null
  labels: readonly Label[]
  library: LibraryView
}

const SOURCES: readonly RadioChoice<GoodSource>[] = [
  { value: 'label', name: t('anomaly.learn.source.label') },
  { value: 'selection', name: t('anomaly.learn.source.selection') },
  { value: 'folder', name: t('anomaly.learn.source.folder') },
]

/** "Learn what good looks like": the good images and the model's name, Start, and the newest learning run beside them. */
export function LearnPane({ goodImageIds, labels, library }: Props) {
  const client = useClient()
  const id = useId()
  const job = useLatestJob('anomaly-fit')
  const loaded = useAnomalyModels()
  const names = [...new Set(loaded?.models?.map((model) => model.name) ?? [])]
  const [form, setForm] = useState<LearnForm>(() => ({
    source: goodImageIds && goodImageIds.length > 0 ? 'selection' : 'label',
    label: likelyGoodLabel(labels),
    folder: '',
    folderImages: null,
    name: DEFAULT_MODEL_NAME,
    secondModel: { kind: 'auto' },
  }))
  const [picking, setPicking] = useState(false)
  const [folderProblem, setFolderProblem] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const running = isJobActive(job ?? null)

  // The library's selection arrives with the view (again when "Learn as good…" is used with the view open).
  const [seenSelection, setSeenSelection] = useState(goodImageIds)
  if (seenSelection !== goodImageIds) {
    setSeenSelection(goodImageIds)
    if (goodImageIds && goodImageIds.length > 0) setForm((current) => ({ ...current, source: 'selection' }))
  }
  // Labels load after the view may have opened: the likely good label is chosen once they are there.
  if (form.label === '' && labels.length > 0) setForm((current) => ({ ...current, label: likelyGoodLabel(labels) }))

  const folder = form.folder.trim()
  useEffect(() => {
    if (folder === '') return
    let current = true
    client.api.files.browse({ dir: folder }).then(
      (listing) => {
        if (!current) return
        setFolderProblem(null)
        setForm((known) => ({ ...known, folderImages: listing.entries.filter((entry) => entry.kind === 'image').map((entry) => entry.path) }))
      },
      (error: unknown) => {
        if (!current) return
        setFolderProblem(error instanceof Error ? error.message : String(error))
        setForm((known) => ({ ...known, folderImages: [] }))
      },
    )
    return () => {
      current = false
    }
  }, [client, folder])

  const set = (changes: Partial<LearnForm>) => {
    setForm((current) => ({ ...current, ...changes }))
    setRefusal(null)
  }
  const plan = planLearning(form, goodImageIds, labels)

  const start = async () => {
    if (!('request' in plan) || starting || running) return
    setStarting(true)
    setRefusal(null)
    try {
      await client.api.anomaly.fit(plan.request)
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error))
    } finally {
      setStarting(false)
    }
  }

  const adding = names.includes(form.name.trim())
  return (
    <div className="anomaly-learn">
      <form
        className="anomaly-card"
        aria-labelledby={`${id}-title`}
        data-testid="learn-form"
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <h3 className="anomaly-card-title" id={`${id}-title`}>
          {t('anomaly.learn.title')}
        </h3>
        <p className="field-hint">{t('anomaly.learn.intro')}</p>
        <RadioChoices label={t('anomaly.learn.source')} variant="segmented" choices={SOURCES} value={form.source} testId={(value) => `learn-source-${value}`} onChange={(source) => set({ source })}>
          {form.source === 'label' &&
            (labels.length === 0 ? (
              <p className="field-hint">{t('anomaly.learn.noLabels')}</p>
            ) : (
              <label className="anomaly-field">
                <span className="field-label">{t('anomaly.learn.label')}</span>
                <select className="select" value={form.label} data-testid="learn-label" onChange={(event) => set({ label: event.target.value })}>
                  {form.label === '' && <option value="">{t('anomaly.learn.label.choose')}</option>}
                  {labels.map((label) => (
                    <option key={label.name} value={label.name}>
                      {t('anomaly.learn.label.option', { name: label.name, count: label.imageCount })}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          {form.source === 'selection' && (
            <p className="field-hint" data-testid="learn-selection" data-count={goodImageIds?.length ?? 0}>
              {goodImageIds && goodImageIds.length > 0
                ? t('anomaly.learn.selection', { count: goodImageIds.length })
                : t('anomaly.learn.selection.none')}
            </p>
          )}
          {form.source === 'folder' && (
            <div className="anomaly-field">
              <span className="field-label">{t('anomaly.learn.folder')}</span>
              <span className="anomaly-folder">
                <input
                  className="text-input path-input"
                  spellCheck={false}
                  placeholder={t('anomaly.learn.folder.placeholder')}
                  value={form.folder}
                  data-testid="learn-folder"
                  onChange={(event) => set({ folder: event.target.value, folderImages: null })}
                />
                <button type="button" className="button" data-testid="learn-folder-browse" onClick={() => setPicking(true)}>
                  {t('anomaly.learn.folder.browse')}
                </button>
              </span>
              <span className="field-hint" data-testid="learn-folder-images" data-count={form.folderImages?.length ?? ''}>
                {folderProblem ??
                  (form.folderImages === null
                    ? t('anomaly.learn.folder.hint')
                    : t('anomaly.learn.folder.found', { count: form.folderImages.length }))}
              </span>
            </div>
          )}
        </RadioChoices>

        <label className="anomaly-field">
          <span className="field-label">{t('anomaly.learn.name')}</span>
          <input className="text-input" list={`${id}-names`} value={form.name} data-testid="learn-name" onChange={(event) => set({ name: event.target.value })} />
          <datalist id={`${id}-names`}>
            {names.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <span className="field-hint">
            {adding ? t('anomaly.learn.name.adding', { name: form.name.trim() }) : t('anomaly.learn.name.hint')}
          </span>
        </label>

        <SecondModelField choice={form.secondModel} onChange={(secondModel) => set({ secondModel })} />

        <footer className="anomaly-footer">
          {'problem' in plan ? (
            <p className="field-hint" data-testid="learn-blocked">
              {plan.problem}
            </p>
          ) : (
            <p className="field-hint" data-testid="learn-count">
              {t('anomaly.learn.count', { count: plan.count })}
            </p>
          )}
          {refusal && (
            <p className="dialog-problem" role="alert" data-testid="learn-error">
              {refusal}
            </p>
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={!('request' in plan) || starting || running}
            title={running ? t('anomaly.learn.running') : undefined}
            data-testid="learn-start"
          >
            {starting ? t('anomaly.learn.starting') : running ? t('anomaly.learn.learning') : t('anomaly.learn.start')}
          </button>
        </footer>
      </form>
      <LearnRun job={job} library={library} />
      {picking && (
        <FolderDialog
          mode="choose"
          title={t('anomaly.learn.folderDialog.title')}
          intro={t('anomaly.learn.folderDialog.intro')}
          submitLabel={t('anomaly.learn.folderDialog.choose')}
          onSubmit={async (dir) => set({ folder: dir, folderImages: null })}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  )
}
