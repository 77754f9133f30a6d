import { t } from '../i18n/t'
import { openMap } from './mapScreen'

/** The top bar's way to the map; off, saying why, while there are no images. */
export function MapButton({ empty }: { empty: boolean }) {
  return (
    <button type="button" className="button" disabled={empty} title={empty ? t('map.open.empty') : t('map.open.title')} data-testid="map-button" onClick={openMap}>
      {t('map.open.button')}
    </button>
  )
}
