import type { DetectorSummary } from '../../../shared/api/schemas'
import type { SuggestionSource } from './useSuggestions'

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
            title={`Boxes of ${trained.classes.join(', ')} scoring at least ${trained.scoreThreshold.toFixed(2)}`}
            data-testid="detector-suggest-run"
            onClick={() => onDetect('trained')}
          >
            {detecting === 'trained' ? 'Detecting…' : `Suggest boxes with ${trained.name}`}
          </button>
          <p className="panel-hint">Your detector’s boxes ({trained.classes.join(', ')}) as suggestions: Y accepts one, N rejects it.</p>
        </>
      )}
      <button type="button" className="button button-small" disabled={busy} data-testid="prelabel-image-run" onClick={() => onDetect('coco')}>
        {detecting === 'coco' ? 'Detecting…' : again ? 'Pre-label this image again' : 'Pre-label this image'}
      </button>
      <p className="panel-hint">Boxes of the 80 everyday COCO classes, as suggestions: Y accepts one, N rejects it.</p>
    </section>
  )
}
