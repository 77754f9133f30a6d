import { useSyncExternalStore } from 'react'
import { PRESET_KEYS, type DicomDisplay, type WindowedRendering } from './DicomDisplay'

/**
 * The window/level tools over the image: the W/L drag tool, the presets that fit the image (CT presets in HU),
 * invert and reset. Shown for DICOM images only; a colour one says why there is nothing to adjust.
 */
export function WindowLevelBar({ display }: { display: DicomDisplay }) {
  const view = useSyncExternalStore(display.subscribe, display.current)
  if (view.status === 'idle') return null
  const { window, frame, rendered, drawn } = view
  const presets = frame?.info.presets ?? []
  const data = {
    'data-image-id': view.imageId ?? '',
    'data-status': view.status,
    'data-center': window?.center ?? '',
    'data-width': window?.width ?? '',
    'data-inverted': String(view.inverted),
    'data-preset': view.presetId ?? '',
    'data-default': String(view.isDefault),
    'data-tool': String(view.windowTool),
    'data-rendered': describe(rendered),
    // Set once the pixels are on screen, for tests that read them back.
    'data-drawn': describe(drawn),
  }

  if (view.status === 'failed') {
    return (
      <div className="wl-bar is-message" data-testid="window-level" {...data} role="status">
        Window/level is not available: {view.error}
      </div>
    )
  }
  if (view.status === 'ready' && !window) {
    return (
      <div className="wl-bar is-message" data-testid="window-level" {...data}>
        {frame?.info.monochrome ? 'This image has no pixel values to window.' : 'Colour image: shown as stored, without window/level.'}
      </div>
    )
  }
  const busy = window === null
  return (
    <div className="wl-bar" role="toolbar" aria-label="Window/level" data-testid="window-level" aria-busy={busy} {...data} onPointerUp={blurClickedButton}>
      <button
        type="button"
        className={view.windowTool ? 'tool is-active' : 'tool'}
        aria-pressed={view.windowTool}
        disabled={busy}
        title="Window/level tool: a left drag adjusts the window (L). A right drag always does."
        data-testid="wl-tool"
        onClick={() => display.toggleWindowTool()}
      >
        W/L <kbd>L</kbd>
      </button>
      {presets.length > 0 && (
        <div className="segmented" role="group" aria-label="Window presets">
          {presets.map((preset, index) => {
            const key = PRESET_KEYS[index]
            return (
              <button
                key={preset.id}
                type="button"
                className={view.presetId === preset.id ? 'tool is-active' : 'tool'}
                aria-pressed={view.presetId === preset.id}
                disabled={busy}
                title={`${preset.name}: width ${preset.width}, level ${preset.center}${key ? ` (${key})` : ''}`}
                data-testid="wl-preset"
                data-preset={preset.id}
                onClick={() => display.applyPreset(preset.id)}
              >
                {preset.name}
                {key && <kbd>{key}</kbd>}
              </button>
            )
          })}
        </div>
      )}
      <button
        type="button"
        className={view.inverted ? 'tool is-active' : 'tool'}
        aria-pressed={view.inverted}
        disabled={busy}
        title="Invert the grey levels (I)"
        data-testid="wl-invert"
        onClick={() => display.toggleInvert()}
      >
        Invert <kbd>I</kbd>
      </button>
      <button
        type="button"
        className="tool"
        disabled={busy || view.isDefault}
        title="Back to the image’s own window (R)"
        data-testid="wl-reset"
        onClick={() => display.reset()}
      >
        Reset <kbd>R</kbd>
      </button>
    </div>
  )
}

/** After a click, a bar button lets go of the focus, so Space and Enter go back to being workspace shortcuts. */
function blurClickedButton() {
  const focused = document.activeElement
  if (focused instanceof HTMLButtonElement) focused.blur()
}

/** "center/width/inverted", as the data attributes give a rendering. */
function describe(rendering: WindowedRendering | null): string {
  return rendering ? `${rendering.window.center}/${rendering.window.width}/${rendering.inverted}` : ''
}
