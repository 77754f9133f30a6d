import type { MapColourBy } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import { cssColour, MISSING_COLOUR, rampGradient, type Legend } from './colours'

const STATUS_NAMES: Record<string, string> = {
  unlabelled: 'Unlabelled',
  in_progress: 'In progress',
  labelled: 'Labelled',
  reviewed: 'Reviewed',
  needs_fix: 'Needs fix',
}

/** What grey means for each attribute. */
const MISSING_NAMES: Record<MapColourBy, string> = {
  class: 'no class',
  prediction: 'no prediction',
  confidence: 'no prediction',
  status: 'no status',
  anomaly: 'not scored',
  detection: 'nothing found',
}

interface Props {
  by: MapColourBy
  legend: Legend
}

/** The categories with their colours and counts, or the ramp with its range; grey for images without a value. */
export function MapLegend({ by, legend }: Props) {
  return (
    <div className="map-legend" data-testid="map-legend" data-kind={legend.kind}>
      {legend.kind === 'categories' ? (
        <ul className="map-legend-entries">
          {legend.entries.map((entry) => (
            <li key={entry.name} data-testid="map-legend-entry" data-name={entry.name} data-count={entry.count}>
              <span className="map-swatch" style={{ background: cssColour(entry.colour) }} aria-hidden="true" />
              <span className="map-legend-name">{by === 'status' ? (STATUS_NAMES[entry.name] ?? entry.name) : entry.name}</span>
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
          <span className="map-legend-name">{MISSING_NAMES[by]}</span>
          <span className="map-legend-count">{formatCount(legend.missing)}</span>
        </div>
      )}
    </div>
  )
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3)
}
