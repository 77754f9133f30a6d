interface Props {
  detecting: boolean
  /** The image already has suggestions waiting: running the detector again replaces them. */
  again: boolean
  onDetect(): void
}

/** Asks the object detector for box suggestions on the image shown, without a job over the library. */
export function PrelabelImage({ detecting, again, onDetect }: Props) {
  return (
    <section className="panel-section prelabel-image" data-testid="prelabel-image" data-detecting={detecting}>
      <button type="button" className="button button-small" disabled={detecting} data-testid="prelabel-image-run" onClick={onDetect}>
        {detecting ? 'Detecting…' : again ? 'Pre-label this image again' : 'Pre-label this image'}
      </button>
      <p className="panel-hint">Boxes of the 80 everyday COCO classes, as suggestions: Y accepts one, N rejects it.</p>
    </section>
  )
}
