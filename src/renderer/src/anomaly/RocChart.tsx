import { useRef, type PointerEvent } from 'react'
import type { AnomalyEvaluation } from '../../../shared/api/schemas'
import { niceTicks, scale } from '../training/chartScale'
import { useElementWidth } from '../ui/useElementWidth'
import { t } from '../i18n/t'

const HEIGHT = 260
const MARGIN = { top: 12, right: 14, bottom: 34, left: 44 }

type RocPoint = AnomalyEvaluation['roc'][number]

interface Props {
  roc: readonly RocPoint[]
  /** Where the chosen threshold puts the model: its false-alarm and detection rates. */
  at: { falseAlarmRate: number; detectionRate: number }
  /** A click on the chart picks the threshold of the curve's nearest point. */
  onThreshold(threshold: number): void
}

const percent = (value: number) => `${Math.round(value * 100)}%`

/** The ROC curve as SVG: detection rate against false-alarm rate, the chance diagonal, and the chosen threshold's point. */
export function RocChart({ roc, at, onThreshold }: Props) {
  const frameRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(frameRef)
  const plotRight = Math.max(MARGIN.left + 1, width - MARGIN.right)
  const x = scale([0, 1], [MARGIN.left, plotRight])
  const y = scale([0, 1], [HEIGHT - MARGIN.bottom, MARGIN.top])
  const ticks = niceTicks(0, 1, 4)
  const points = [{ falseAlarmRate: 0, detectionRate: 0 }, ...roc].map((point) => `${x(point.falseAlarmRate).toFixed(1)},${y(point.detectionRate).toFixed(1)}`)

  const pick = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    const distance = (point: RocPoint) => Math.hypot(x(point.falseAlarmRate) - (event.clientX - box.left), y(point.detectionRate) - (event.clientY - box.top))
    const nearest = roc.reduce<RocPoint | null>((best, point) => (best === null || distance(point) < distance(best) ? point : best), null)
    if (nearest) onThreshold(nearest.threshold)
  }

  return (
    <figure className="curve-chart roc-chart" data-testid="roc-curve" data-points={roc.length}>
      <figcaption className="curve-caption">
        <span className="curve-title">{t('anomaly.roc.title')}</span>
        <span className="muted">{t('anomaly.roc.caption')}</span>
      </figcaption>
      <div ref={frameRef} className="curve-frame">
        {width > 0 && (
          <svg
            width={width}
            height={HEIGHT}
            role="img"
            aria-label={t('anomaly.roc.label', { points: roc.length, detected: percent(at.detectionRate), flagged: percent(at.falseAlarmRate) })}
            onPointerDown={pick}
          >
            {ticks.map((tick) => (
              <g key={tick} className="curve-grid">
                <line x1={MARGIN.left} x2={plotRight} y1={y(tick)} y2={y(tick)} />
                <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                  {percent(tick)}
                </text>
                <text x={x(tick)} y={HEIGHT - MARGIN.bottom + 14} textAnchor="middle">
                  {percent(tick)}
                </text>
              </g>
            ))}
            <text className="curve-axis" x={(MARGIN.left + plotRight) / 2} y={HEIGHT - 4} textAnchor="middle">
              {t('anomaly.roc.axis')}
            </text>
            <line className="roc-chance" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
            <polyline className="curve-line roc-line" points={points.join(' ')} data-testid="roc-line" />
            <circle
              className="roc-point"
              cx={x(at.falseAlarmRate)}
              cy={y(at.detectionRate)}
              r={5}
              data-testid="roc-point"
              data-false-alarm-rate={at.falseAlarmRate}
              data-detection-rate={at.detectionRate}
            />
          </svg>
        )}
      </div>
    </figure>
  )
}
