import type { Box, Region } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import type { Size } from './region'
import { regionOfRect } from './region'

interface Props {
  boxes: Box[]
  full: Size
  /** The box the pointer is over in the list, drawn stronger on the image so the two can be matched. */
  hovered: number | null
  onHover(boxId: number | null): void
  onPick(region: Region): void
}

/** The image's existing boxes as a list beside the picker: one click searches for that box. */
export function KnownBoxList({ boxes, full, hovered, onHover, onPick }: Props) {
  return (
    <aside className="region-known" data-testid="region-known">
      <h3 className="region-known-title">{t('search.knownBoxes.title')}</h3>
      {boxes.length === 0 ? (
        <p className="muted">{t('search.knownBoxes.none')}</p>
      ) : (
        <ul className="region-known-list">
          {boxes.map((box) => {
            const region = regionOfRect(box, full)
            return (
              <li key={box.id}>
                <button
                  type="button"
                  className={`region-known-item${hovered === box.id ? ' is-hovered' : ''}`}
                  data-testid="region-known-box"
                  data-box-id={box.id}
                  title={t('search.knownBoxes.searchTitle')}
                  onPointerEnter={() => onHover(box.id)}
                  onPointerLeave={() => onHover(null)}
                  onClick={() => onPick(region)}
                >
                  <span className="region-known-label">{box.label ?? t('search.knownBoxes.noClass')}</span>
                  <span className="muted">{t('search.knownBoxes.size', { width: region.width, height: region.height })}</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </aside>
  )
}

/** The same boxes drawn faintly on the image, in percentages so they follow whatever size the image is shown at. */
export function KnownBoxOverlay({ boxes, full, hovered }: Pick<Props, 'boxes' | 'full' | 'hovered'>) {
  if (full.width <= 0 || full.height <= 0) return null
  return (
    <>
      {boxes.map((box) => {
        const region = regionOfRect(box, full)
        return (
          <div
            key={box.id}
            className={`region-known-box${hovered === box.id ? ' is-hovered' : ''}`}
            data-testid="region-known-outline"
            style={{
              left: `${(region.x / full.width) * 100}%`,
              top: `${(region.y / full.height) * 100}%`,
              width: `${(region.width / full.width) * 100}%`,
              height: `${(region.height / full.height) * 100}%`,
            }}
          />
        )
      })}
    </>
  )
}
