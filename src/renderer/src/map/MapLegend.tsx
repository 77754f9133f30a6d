import type { MapColourBy, ReviewStatus } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'
import { cssColour, MISSING_COLOUR, rampGradient, type Legend } from './colours'

const STATUS_NAMES: Record<ReviewStatus, MessageKey> = {
  unlabelled: 'map.legend.status.unlabelled',
  in_progress: 'map.legend.status.in_progress',
  labelled: 'map.legend.status.labelled',
  reviewed: 'map.legend.status.reviewed',
  needs_fix: 'map.legend.status.needs_fix',
}

/** What grey means for each attribute. */
const MISSING_NAMES: Record<MapColourBy, MessageKey> = {
  class: 'map.legend.missing.class',
  prediction: 'map.legend.missing.prediction',
  confidence: 'map.legend.missing.prediction',
  status: 'map.legend.missing.status',
  anomaly: 'map.legend.missing.anomaly',
  detection: 'map.legend.missing.detection',
}

interface Props {
  by: MapColourBy
  legend: Legend
}

/** The categories with their colours and counts, or the ramp with its range; grey for images without a value. */
export function MapLegend({ by, legend }: Props) {
  return (
    <div className="map-legend" data-testid="map-legend" data-kind={legend.kind} data-by={by}>
      {legend.kind === 'categories' ? (
        <ul className="map-legend-entries">
          {legend.entries.map((entry) => (
            <li key={entry.name} data-testid="map-legend-entry" data-name={entry.name} data-count={entry.count}>
              <span className="map-swatch" style={{ background: cssColour(entry.colour) }} aria-hidden="true" />
              <span className="map-legend-name">{by === 'status' ? statusName(entry.name) : entry.name}</span>
              <span className="map-legend-count">{formatCount(entry.count)}</span>
            </li>
          ))}
        </ul>
      ) : legend.range ? (
        <div className="map-ramp" data-testid="map-ramp" data-min={legend.range.min} data-max={legend.range.max}>
          <span>{formatValue(legend.range.min)}</span>
          <span className="map-ramp-bar" style={{ background: rampGradient() }} aria-hidden="true" />
          <span>{formatValue(legend.range.max)}</span>
        </div>
      ) : null}
      {legend.missing > 0 && (
        <div className="map-legend-missing" data-testid="map-legend-missing" data-count={legend.missing}>
          <span className="map-swatch" style={{ background: cssColour(MISSING_COLOUR) }} aria-hidden="true" />
          <span className="map-legend-name">{t(MISSING_NAMES[by])}</span>
          <span className="map-legend-count">{formatCount(legend.missing)}</span>
        </div>
      )}
    </div>
  )
}

function statusName(status: string): string {
  const key = STATUS_NAMES[status as ReviewStatus] as MessageKey | undefined
  return key ? t(key) : status
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3)
}
