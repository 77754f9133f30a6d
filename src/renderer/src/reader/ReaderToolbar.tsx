import type { ReactNode } from 'react'
import { PRESET_KEYS } from '../annotate/dicom/DicomDisplay'
import { MAX_FPS } from './ReaderPaneModel'
import type { ReaderPane } from './useReaderPane'
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
    <div className="reader-toolbar" role="toolbar" aria-label="Reader" onPointerUp={blurClickedButton}>
      {presets.length > 0 && (
        <div className="segmented" role="group" aria-label="Window presets">
          {presets.map((preset, position) => (
            <button
              key={preset.id}
              type="button"
              className={pane.window?.center === preset.center && pane.window.width === preset.width ? 'tool is-active' : 'tool'}
              title={`${preset.name}: width ${preset.width}, level ${preset.center}${PRESET_KEYS[position] ? ` (${PRESET_KEYS[position]})` : ''}`}
              data-testid="reader-preset"
              data-preset={preset.id}
              onClick={() => model.applyPreset(position)}
            >
              {preset.name}
            </button>
          ))}
        </div>
      )}
      <button type="button" className={pane.inverted ? 'tool is-active' : 'tool'} aria-pressed={pane.inverted} disabled={!windowed} title="Invert the grey levels (V)" data-testid="reader-invert" onClick={model.toggleInvert}>
        Invert <kbd>V</kbd>
      </button>
      <button type="button" className="tool" title="The window the series opened with, no invert, fitted (R)" data-testid="reader-reset" onClick={model.reset}>
        Reset <kbd>R</kbd>
      </button>
      <div className="segmented" role="group" aria-label="Zoom">
        <button type="button" className="tool" title="Zoom out (−)" aria-label="Zoom out" data-testid="reader-zoom-out" onClick={() => onZoom(-1)}>
          −
        </button>
        <button type="button" className="tool" title="Fit the slice (0)" data-testid="reader-fit" onClick={onFit}>
          Fit
        </button>
        <button type="button" className="tool" title="Zoom in (+)" aria-label="Zoom in" data-testid="reader-zoom-in" onClick={() => onZoom(1)}>
          +
        </button>
      </div>
      <div className="reader-cine" role="group" aria-label="Cine">
        <button
          type="button"
          className={pane.playing ? 'tool is-active' : 'tool'}
          aria-pressed={pane.playing}
          disabled={!canPlay}
          title={pane.playing ? 'Pause (Space)' : 'Play the series in a loop (Space)'}
          data-testid="reader-cine"
          onClick={model.toggleCine}
        >
          {pane.playing ? 'Pause' : 'Play'} <kbd>Space</kbd>
        </button>
        <label className="reader-fps" title="Cine frame rate">
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
          fps
        </label>
      </div>
      <button type="button" className={pane.overlays ? 'tool is-active' : 'tool'} aria-pressed={pane.overlays} title="Corner overlays on or off (I)" data-testid="reader-overlays-toggle" onClick={model.toggleOverlays}>
        Overlays <kbd>I</kbd>
      </button>
      <button type="button" className={comparing ? 'tool is-active' : 'tool'} title="Show another series beside this one (C)" data-testid="reader-compare" onClick={onCompare}>
        {comparing ? 'Change compared' : 'Compare'} <kbd>C</kbd>
      </button>
      {link && (
        <button
          type="button"
          className={link.on ? 'tool is-active' : 'tool'}
          aria-pressed={link.on}
          title={link.byPosition ? 'Linked scrolling, by slice position (one frame of reference)' : 'Linked scrolling, by the same fraction of each series'}
          data-testid="reader-link"
          data-by-position={String(link.byPosition)}
          onClick={link.onToggle}
        >
          Link {link.byPosition ? '(position)' : '(fraction)'}
        </button>
      )}
      {link?.onForcePosition && (
        <button
          type="button"
          className={link.byPosition ? 'tool is-active' : 'tool'}
          aria-pressed={link.byPosition}
          title="The two series lie in different frames of reference: link them by slice position anyway (when they were taken in one session)"
          data-testid="reader-link-position"
          onClick={link.onForcePosition}
        >
          By position
        </button>
      )}
      {measureTools && <div className="reader-measure-tools">{measureTools}</div>}
      <span className="reader-toolbar-end">
        <details className="reader-keys">
          <summary className="tool">Keys</summary>
          <dl data-testid="reader-keys">
            {READER_KEYS.map(([keys, action]) => (
              <div key={keys}>
                <dt>{keys}</dt>
                <dd>{action}</dd>
              </div>
            ))}
          </dl>
        </details>
        <button type="button" className="tool" disabled={!pane.shown} title="Export the slice shown as a PNG through the window on screen" data-testid="reader-export" onClick={onExport}>
          Export view…
        </button>
        <button type="button" className="tool" disabled={!pane.shown} title="Draw boxes and labels on this slice in the annotation workspace" data-testid="reader-annotate" onClick={onAnnotate}>
          Annotate
        </button>
      </span>
    </div>
  )
}

/** After a click a toolbar button lets go of the focus, so Space and the arrows go back to the reader. */
function blurClickedButton() {
  const focused = document.activeElement
  if (focused instanceof HTMLButtonElement) focused.blur()
}
