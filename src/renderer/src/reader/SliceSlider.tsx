import { t } from '../i18n/t'

/**
 * The slice slider along the viewport's right edge, first slice at the top. After a drag it lets go of the focus, so
 * the arrow keys go back to the reader (which moves the same way).
 */
export function SliceSlider({ index, count, onChange }: { index: number; count: number; onChange(index: number): void }) {
  return (
    <input
      type="range"
      className="reader-slider"
      min={0}
      max={count - 1}
      step={1}
      value={index}
      aria-label={t('reader.slider.label')}
      aria-valuetext={t('reader.slider.value', { slice: index + 1, count })}
      data-testid="reader-slider"
      onChange={(event) => onChange(Number(event.target.value))}
      onPointerUp={(event) => event.currentTarget.blur()}
    />
  )
}
