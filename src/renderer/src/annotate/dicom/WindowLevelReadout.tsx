import { useSyncExternalStore } from 'react'
import type { DicomFrameInfo } from '../../../../shared/api/schemas'
import type { DicomDisplay } from './DicomDisplay'
import { formatValue } from './windowing'
import { t } from '../../i18n/t'
import { presetName } from './presetName'

/**
 * The corner readout of a DICOM image, as reading stations show it: the current window (W/L) and the pixel under
 * the cursor with its value in HU (or the file's own units; "raw" when it has no rescale).
 */
export function WindowLevelReadout({ display }: { display: DicomDisplay }) {
  const view = useSyncExternalStore(display.subscribe, display.current)
  const probe = useSyncExternalStore(display.subscribeProbe, display.currentProbe)
  const info = view.frame?.info
  if (view.status !== 'ready' || !info) return null
  const span = info.valueRange ? info.valueRange.max - info.valueRange.min : 256
  const units = unitsOf(info)
  const preset = info.presets.find((candidate) => candidate.id === view.presetId)
  const windowName = preset ? presetName(preset) : view.isDefault ? defaultName(info) : t('annotate.wl.adjusted')

  return (
    <div className="wl-readout" data-testid="wl-readout" aria-live="off">
      {view.window && (
        <div data-testid="wl-current" data-center={view.window.center} data-width={view.window.width}>
          <span className="wl-figure">W {formatValue(view.window.width, span)}</span>
          <span className="wl-figure">L {formatValue(view.window.center, span)}</span>
          <span className="wl-name">
            {view.inverted ? t('annotate.wl.nameInverted', { name: windowName }) : windowName}
          </span>
        </div>
      )}
      <div
        data-testid="pixel-readout"
        data-x={probe?.x ?? ''}
        data-y={probe?.y ?? ''}
        data-value={probe?.value ?? ''}
        data-units={units.trim()}
      >
        {probe ? (
          <>
            <span className="wl-figure">x {probe.x}</span>
            <span className="wl-figure">y {probe.y}</span>
            {probe.value !== null && (
              <span className="wl-figure wl-value">
                {formatValue(probe.value, span)}
                {units}
              </span>
            )}
          </>
        ) : (
          <span className="wl-name">{hintOf(info)}</span>
        )}
      </div>
    </div>
  )
}

/** " HU" on CT, the file's units elsewhere, " raw" (in the page's language) for stored values without a rescale. */
function unitsOf(info: DicomFrameInfo): string {
  if (!info.rescale) return ` ${t('annotate.wl.rawUnits')}`
  return info.rescale.units ? ` ${info.rescale.units}` : ''
}

function defaultName(info: DicomFrameInfo): string {
  if (info.defaultWindow.source === 'data') return t('annotate.wl.defaultFromPixels')
  return info.windows[0]?.explanation ? t('annotate.wl.defaultNamed', { explanation: info.windows[0].explanation }) : t('annotate.wl.defaultFromFile')
}

function hintOf(info: DicomFrameInfo): string {
  if (!info.monochrome) return t('annotate.wl.hintPosition')
  if (!info.rescale) return t('annotate.wl.hintStoredValue')
  return info.rescale.units ? t('annotate.wl.hintValueIn', { units: info.rescale.units }) : t('annotate.wl.hintValue')
}
