import type { ReactNode } from 'react'
import { PRESET_KEYS } from '../annotate/dicom/DicomDisplay'
import { presetName } from '../annotate/dicom/presetName'
import { t } from '../i18n/t'
import { MAX_FPS } from './ReaderPaneModel'
import type { ReaderPane } from './useReaderPane'
import { MEASURE_KEYS } from './measure/measureKeys'
import { READER_KEYS } from './useReaderKeys'

interface Props {
  /** The viewport the toolbar acts on: the active one. */
  pane: ReaderPane
  comparing: boolean
  /** Linked scrolling between the two viewports; null with one viewport. */
  link: {
    on: boolean
    byPosition: boolean
    onToggle(): void
    /** Two located series in different frames of reference: link them by position anyway (or not any more). */
    onForcePosition: (() => void) | null
  } | null
  onZoom(direction: 1 | -1): void
  onFit(): void
  onCompare(): void
  onExport(): void
  onAnnotate(): void
  /** The measurement tools' group (see ReaderView's `measure`). */
  measureTools?: ReactNode
}

/**
 * The reader's tools, above the viewports so nothing floats over the image: window presets, invert, reset, zoom, cine,
 * overlays, compare and link, then export and annotate, and room for the measurement tools.
 */
export function ReaderToolbar({ pane, comparing, link, onZoom, onFit, onCompare, onExport, onAnnotate, measureTools }: Props) {
  const { model } = pane
  const info = pane.shown?.info ?? null
  const windowed = pane.window !== null && info?.monochrome === true
  const presets = windowed ? (info?.presets ?? []) : []
  const canPlay = (pane.stack?.slices.length ?? 0) > 1
  return (
    <div className="reader-toolbar" role="toolbar" aria-label={t('reader.toolbar.label')} onPointerUp={blurClickedButton}>
      {presets.length > 0 && (
        <div className="segmented" role="group" aria-label={t('reader.toolbar.presets')}>
          {presets.map((preset, position) => (
            <button
              key={preset.id}
              type="button"
              className={pane.window?.center === preset.center && pane.window.width === preset.width ? 'tool is-active' : 'tool'}
              title={
                PRESET_KEYS[position]
                  ? t('reader.toolbar.presetWithKey', { name: presetName(preset), width: preset.width, level: preset.center, key: PRESET_KEYS[position] })
                  : t('reader.toolbar.preset', { name: presetName(preset), width: preset.width, level: preset.center })
              }
              data-testid="reader-preset"
              data-preset={preset.id}
              onClick={() => model.applyPreset(position)}
            >
              {presetName(preset)}
            </button>
          ))}
        </div>
      )}
      <button type="button" className={pane.inverted ? 'tool is-active' : 'tool'} aria-pressed={pane.inverted} disabled={!windowed} title={t('reader.toolbar.invertTitle')} data-testid="reader-invert" onClick={model.toggleInvert}>
        {t('reader.toolbar.invert')} <kbd>V</kbd>
      </button>
      <button type="button" className="tool" title={t('reader.toolbar.resetTitle')} data-testid="reader-reset" onClick={model.reset}>
        {t('reader.toolbar.reset')} <kbd>R</kbd>
      </button>
      <div className="segmented" role="group" aria-label={t('reader.toolbar.zoom')}>
        <button type="button" className="tool" title={t('reader.toolbar.zoomOutTitle')} aria-label={t('reader.toolbar.zoomOut')} data-testid="reader-zoom-out" onClick={() => onZoom(-1)}>
          −
        </button>
        <button type="button" className="tool" title={t('reader.toolbar.fitTitle')} data-testid="reader-fit" onClick={onFit}>
          {t('reader.toolbar.fit')}
        </button>
        <button type="button" className="tool" title={t('reader.toolbar.zoomInTitle')} aria-label={t('reader.toolbar.zoomIn')} data-testid="reader-zoom-in" onClick={() => onZoom(1)}>
          +
        </button>
      </div>
      <div className="reader-cine" role="group" aria-label={t('reader.toolbar.cine')}>
        <button
          type="button"
          className={pane.playing ? 'tool is-active' : 'tool'}
          aria-pressed={pane.playing}
          disabled={!canPlay}
          title={pane.playing ? t('reader.toolbar.pauseTitle') : t('reader.toolbar.playTitle')}
          data-testid="reader-cine"
          onClick={model.toggleCine}
        >
          {pane.playing ? t('reader.toolbar.pause') : t('reader.toolbar.play')} <kbd>{SPACE_KEY}</kbd>
        </button>
        <label className="reader-fps" title={t('reader.toolbar.fpsTitle')}>
          <input
            type="number"
            className="text-input"
            min={1}
            max={MAX_FPS}
            value={pane.fps}
            disabled={!canPlay}
            data-testid="reader-fps"
            onChange={(event) => {
              const fps = Number(event.target.value)
              if (Number.isFinite(fps) && fps > 0) model.setFps(fps)
            }}
          />
          {t('reader.toolbar.fps')}
        </label>
      </div>
      <button type="button" className={pane.overlays ? 'tool is-active' : 'tool'} aria-pressed={pane.overlays} title={t('reader.toolbar.overlaysTitle')} data-testid="reader-overlays-toggle" onClick={model.toggleOverlays}>
        {t('reader.toolbar.overlays')} <kbd>I</kbd>
      </button>
      <button type="button" className={comparing ? 'tool is-active' : 'tool'} title={t('reader.toolbar.compareTitle')} data-testid="reader-compare" onClick={onCompare}>
        {comparing ? t('reader.toolbar.changeCompared') : t('reader.toolbar.compare')} <kbd>C</kbd>
      </button>
      {link && (
        <button
          type="button"
          className={link.on ? 'tool is-active' : 'tool'}
          aria-pressed={link.on}
          title={link.byPosition ? t('reader.toolbar.linkPositionTitle') : t('reader.toolbar.linkFractionTitle')}
          data-testid="reader-link"
          data-by-position={String(link.byPosition)}
          onClick={link.onToggle}
        >
          {link.byPosition ? t('reader.toolbar.linkPosition') : t('reader.toolbar.linkFraction')}
        </button>
      )}
      {link?.onForcePosition && (
        <button
          type="button"
          className={link.byPosition ? 'tool is-active' : 'tool'}
          aria-pressed={link.byPosition}
          title={t('reader.toolbar.forcePositionTitle')}
          data-testid="reader-link-position"
          onClick={link.onForcePosition}
        >
          {t('reader.toolbar.forcePosition')}
        </button>
      )}
      {measureTools && <div className="reader-measure-tools">{measureTools}</div>}
      <span className="reader-toolbar-end">
        <details className="reader-keys">
          <summary className="tool">{t('reader.toolbar.keys')}</summary>
          <dl data-testid="reader-keys">
            {[...READER_KEYS, ...MEASURE_KEYS].map(([keys, action]) => (
              <div key={keys}>
                <dt>{t(keys)}</dt>
                <dd>{t(action)}</dd>
              </div>
            ))}
          </dl>
        </details>
        <button type="button" className="tool" disabled={!pane.shown} title={t('reader.toolbar.exportTitle')} data-testid="reader-export" onClick={onExport}>
          {t('reader.toolbar.export')}
        </button>
        <button type="button" className="tool" disabled={!pane.shown} title={t('reader.toolbar.annotateTitle')} data-testid="reader-annotate" onClick={onAnnotate}>
          {t('reader.toolbar.annotate')}
        </button>
      </span>
    </div>
  )
}

/** The key cap of cine's key, as the keyboard labels it. */
const SPACE_KEY = 'Space' // i18n-exempt: a key's name on the keyboard

/** After a click a toolbar button lets go of the focus, so Space and the arrows go back to the reader. */
function blurClickedButton() {
  const focused = document.activeElement
  if (focused instanceof HTMLButtonElement) focused.blur()
}
