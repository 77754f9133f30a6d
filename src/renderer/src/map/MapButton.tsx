import { t } from '../i18n/t'
import { openMap } from './mapScreen'

interface Props {
  /** With no images there is nothing to map: the button is off and its title says why. */
  empty: boolean
  /** The library's toolbar has small quiet buttons; the top bar plain ones. */
  small?: boolean
  testId: string
}

/** The way to the map, from the top bar and from the library's toolbar. */
export function MapButton({ empty, small = false, testId }: Props) {
  return (
    <button
      type="button"
      className={small ? 'button button-ghost button-small' : 'button'}
      disabled={empty}
      title={empty ? t('map.open.empty') : t('map.open.title')}
      data-testid={testId}
      onClick={openMap}
    >
      {t('map.open.button')}
    </button>
  )
}
