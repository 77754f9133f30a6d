import type { MessageKey } from '../../i18n/catalog-types'
import { t } from '../../i18n/t'

/** The window presets the DICOM engine offers, by id (its names are English). */
const PRESET_NAMES: Record<string, MessageKey> = {
  brain: 'annotate.wl.preset.brain',
  'soft-tissue': 'annotate.wl.preset.softTissue',
  mediastinum: 'annotate.wl.preset.mediastinum',
  lung: 'annotate.wl.preset.lung',
  bone: 'annotate.wl.preset.bone',
  auto: 'annotate.wl.preset.auto',
  'full-range': 'annotate.wl.preset.fullRange',
}

/** A window preset's name in the page's language; one this list does not know keeps the engine's name. */
export function presetName(preset: { id: string; name: string }): string {
  const key = PRESET_NAMES[preset.id]
  return key ? t(key) : preset.name
}
