import { formatValue } from '../annotate/dicom/windowing'
import { dicomDate, personName } from '../format/dicomText'
import { t } from '../i18n/t'
import type { ReaderPane } from './useReaderPane'

/** The pixel under the cursor, in the slice it was read from: image coordinates and its value (null for colour). */
export interface PixelProbe {
  imageId: number
  x: number
  y: number
  value: number | null
}

/**
 * The four corners' text over the slice, as reading viewers place it: who and when top left, the series top right,
 * where in the stack bottom left, the window, zoom and the pixel under the cursor bottom right. Small outlined text
 * that reads over any image and lets the clicks through; I (or the toolbar) hides it.
 */
export function ReaderOverlays({ pane, zoom, probe }: { pane: ReaderPane; zoom: number; probe: PixelProbe | null }) {
  const { stack, shown, window, index, loading } = pane
  // The loading dot and a slice's failure show with the overlays off too: they say the image is not the one asked for.
  const indicator = loading && shown ? <span className="reader-loading" data-testid="reader-loading" title={t('reader.overlay.loadingTitle')} aria-label={t('reader.overlay.loadingLabel')} /> : null
  const failure = pane.sliceError ? (
    <p className="reader-slice-error" role="alert" data-testid="reader-slice-error">
      {t('reader.overlay.sliceFailed', { slice: index + 1, error: pane.sliceError })}
    </p>
  ) : null
  if (!stack || !pane.overlays) {
    return (
      <>
        {indicator}
        {failure}
      </>
    )
  }
  const info = shown?.info ?? null
  // Values without a unit of their own (most MR) are labelled as values.
  const unit = info?.units ?? t('reader.overlay.unitless')
  const span = info?.valueRange ? info.valueRange.max - info.valueRange.min : (window?.width ?? 1000)
  const geometry = info?.imageId === stack.slices[index]?.imageId ? info?.geometry : null
  const location = geometry?.sliceLocation ?? stack.slices[index]?.location ?? null
  const patient = personName(stack.patient.name) ?? stack.patient.id
  const series = [stack.seriesNumber === null ? null : t('reader.overlay.series', { number: stack.seriesNumber }), stack.seriesDescription].filter(Boolean).join(': ')
  return (
    <div className="reader-overlays" data-testid="reader-overlays">
      {indicator}
      {failure}
      <div className="reader-corner is-top-left">
        {patient && <div data-testid="overlay-patient">{patient}</div>}
        {stack.patient.id && patient !== stack.patient.id && <div>{t('reader.overlay.patientId', { id: stack.patient.id })}</div>}
        <div>{[dicomDate(stack.study.date), stack.study.description].filter(Boolean).join(' · ')}</div>
      </div>
      <div className="reader-corner is-top-right">
        {series && <div>{series}</div>}
        <div>{stack.modality ?? info?.modality ?? ''}</div>
      </div>
      <div className="reader-corner is-bottom-left">
        <div data-testid="overlay-slice">
          {t('reader.overlay.slice', { slice: index + 1, count: stack.slices.length })}
        </div>
        {location !== null && <div>{t('reader.overlay.location', { value: formatMillimetres(location) })}</div>}
        {geometry?.sliceThickness != null && <div>{t('reader.overlay.thickness', { value: formatMillimetres(geometry.sliceThickness) })}</div>}
      </div>
      <div className="reader-corner is-bottom-right">
        {probe && (
          <div data-testid="overlay-probe" data-x={probe.x} data-y={probe.y} data-value={probe.value ?? ''} data-units={unit}>
            ({probe.x}, {probe.y}){probe.value !== null && ` ${formatValue(probe.value, span)} ${unit}`}
          </div>
        )}
        {window && info?.monochrome && (
          <div data-testid="overlay-window">
            {t('reader.overlay.window', { width: formatValue(window.width, span), level: formatValue(window.center, span), unit, inverted: pane.inverted ? 'yes' : 'no' })}
          </div>
        )}
        <div data-testid="overlay-zoom">{t('reader.overlay.zoom', { percent: Math.round(zoom * 100) })}</div>
      </div>
    </div>
  )
}

function formatMillimetres(value: number): string {
  return `${Number(value.toFixed(2)).toString().replace('-', '−')} mm`
}
