import { useSyncExternalStore, type ReactNode } from 'react'
import { PRESET_KEYS, type DicomDisplay, type WindowedRendering } from './DicomDisplay'
import { t } from '../../i18n/t'
import { presetName } from './presetName'

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
        {t('annotate.wl.unavailable', { error: view.error })}
      </div>
    )
  }
  if (view.status === 'ready' && !window) {
    return (
      <div className="wl-bar is-message" data-testid="window-level" {...data}>
        {frame?.info.monochrome ? t('annotate.wl.noPixelValues') : t('annotate.wl.colourImage')}
      </div>
    )
  }
  const busy = window === null
  return (
    <div className="wl-bar" role="toolbar" aria-label={t('annotate.wl.label')} data-testid="window-level" aria-busy={busy} {...data} onPointerUp={blurClickedButton}>
      <BarButton
        pressed={view.windowTool}
        disabled={busy}
        title={t('annotate.wl.toolTitle')}
        testId="wl-tool"
        onClick={() => display.toggleWindowTool()}
      >
        W/L <kbd>L</kbd>
      </BarButton>
      {presets.length > 0 && (
        <div className="segmented" role="group" aria-label={t('annotate.wl.presets')}>
          {presets.map((preset, index) => {
            const key = PRESET_KEYS[index]
            const name = presetName(preset)
            return (
              <BarButton
                key={preset.id}
                pressed={view.presetId === preset.id}
                disabled={busy}
                title={key ? t('annotate.wl.presetTitleWithKey', { name, width: preset.width, level: preset.center, key }) : t('annotate.wl.presetTitle', { name, width: preset.width, level: preset.center })}
                testId="wl-preset"
                preset={preset.id}
                onClick={() => display.applyPreset(preset.id)}
              >
                {name}
                {key && <kbd>{key}</kbd>}
              </BarButton>
            )
          })}
        </div>
      )}
      <BarButton pressed={view.inverted} disabled={busy} title={t('annotate.wl.invertTitle')} testId="wl-invert" onClick={() => display.toggleInvert()}>
        {t('annotate.wl.invert')} <kbd>I</kbd>
      </BarButton>
      <BarButton disabled={busy || view.isDefault} title={t('annotate.wl.resetTitle')} testId="wl-reset" onClick={() => display.reset()}>
        {t('annotate.wl.reset')} <kbd>R</kbd>
      </BarButton>
    </div>
  )
}

interface BarButtonProps {
  /** Whether the tool or setting is on; left out for a plain action, which is never pressed. */
  pressed?: boolean
  disabled: boolean
  title: string
  testId: string
  /** The preset the button applies, for tests. */
  preset?: string
  onClick(): void
  children: ReactNode
}

function BarButton({ pressed, disabled, title, testId, preset, onClick, children }: BarButtonProps) {
  return (
    <button
      type="button"
      className={pressed ? 'tool is-active' : 'tool'}
      aria-pressed={pressed}
      disabled={disabled}
      title={title}
      data-testid={testId}
      data-preset={preset}
      onClick={onClick}
    >
      {children}
    </button>
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
