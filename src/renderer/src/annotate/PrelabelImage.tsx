import type { DetectorSummary } from '../../../shared/api/schemas'
import type { SuggestionSource } from './useSuggestions'
import { t } from '../i18n/t'

interface Props {
  /** Which detector is working on the image shown, if one is. */
  detecting: SuggestionSource | null
  /** The image already has suggestions waiting: running a detector again replaces them. */
  again: boolean
  /** The workspace's own box detector, when one is active: it suggests the workspace's classes. */
  trained: DetectorSummary | null
  onDetect(source: SuggestionSource): void
}

/** Asks a detector for box suggestions on the image shown, without a job over the library. */
export function PrelabelImage({ detecting, again, trained, onDetect }: Props) {
  const busy = detecting !== null
  return (
    <section className="panel-section prelabel-image" data-testid="prelabel-image" data-detecting={busy} data-source={detecting ?? ''}>
      {trained && (
        <>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            title={t('annotate.prelabel.trainedTitle', { classes: trained.classes.join(', '), threshold: trained.scoreThreshold.toFixed(2) })}
            data-testid="detector-suggest-run"
            onClick={() => onDetect('trained')}
          >
            {detecting === 'trained' ? t('annotate.prelabel.detecting') : t('annotate.prelabel.suggestWith', { name: trained.name })}
          </button>
          <p className="panel-hint">{t('annotate.prelabel.trainedHint', { classes: trained.classes.join(', ') })}</p>
        </>
      )}
      <button type="button" className="button button-small" disabled={busy} data-testid="prelabel-image-run" onClick={() => onDetect('coco')}>
        {detecting === 'coco' ? t('annotate.prelabel.detecting') : again ? t('annotate.prelabel.runAgain') : t('annotate.prelabel.run')}
      </button>
      <p className="panel-hint">{t('annotate.prelabel.cocoHint')}</p>
    </section>
  )
}
