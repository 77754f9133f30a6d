import { useRef, useState } from 'react'
import { t } from '../i18n/t'
import { useElementWidth } from '../ui/useElementWidth'
import { niceMax, niceTicks, scale } from './chartScale'
import type { Curve } from './curves'

const HEIGHT = 168
const MARGIN = { top: 12, right: 14, bottom: 26, left: 44 }
/** Until a run has this many epochs the axis still shows this many, so the first points do not fill the width. */
const MIN_EPOCH_SPAN = 5

interface Props<Epoch extends { epoch: number }> {
  curve: Curve<Epoch>
  epochs: readonly Epoch[]
  /** The epoch whose weights are kept, marked with a line. */
  bestEpoch: number | null
}

/** Figures per epoch (train and validation loss, accuracy, mAP), drawn as SVG; hovering reads out one epoch's values. */
export function CurveChart<Epoch extends { epoch: number }>({ curve, epochs, bestEpoch }: Props<Epoch>) {
  const frameRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(frameRef)
  const [hovered, setHovered] = useState<number | null>(null)
  const { series, format } = curve
  const last = epochs.at(-1)

  const lastEpoch = Math.max(MIN_EPOCH_SPAN, last?.epoch ?? 0)
  const yMax = curve.share ? 1 : niceMax(epochs.flatMap((epoch) => series.map((line) => line.value(epoch))))
  const plotRight = Math.max(MARGIN.left + 1, width - MARGIN.right)
  const x = scale([1, lastEpoch], [MARGIN.left, plotRight])
  const y = scale([0, yMax], [HEIGHT - MARGIN.bottom, MARGIN.top])
  const xTicks = niceTicks(1, lastEpoch, Math.max(2, Math.floor((plotRight - MARGIN.left) / 60)), true)
  const yTicks = niceTicks(0, yMax, 4)
  const shown = epochs.find((epoch) => epoch.epoch === hovered) ?? last

  const values = last && series.map((line) => `${line.name.toLowerCase()} ${format(line.value(last))}`).join(t('training.chart.valueSeparator'))
  const summary = last
    ? bestEpoch
      ? t('training.chart.summaryBest', { title: curve.title, count: epochs.length, epoch: last.epoch, values, best: bestEpoch })
      : t('training.chart.summary', { title: curve.title, count: epochs.length, epoch: last.epoch, values })
    : t('training.chart.noEpochs', { title: curve.title })

  const hover = (clientX: number, element: SVGSVGElement) => {
    if (epochs.length === 0) return
    const left = element.getBoundingClientRect().left
    const epoch = Math.round(1 + ((clientX - left - MARGIN.left) / (plotRight - MARGIN.left || 1)) * (lastEpoch - 1))
    setHovered(Math.min(last?.epoch ?? 1, Math.max(1, epoch)))
  }

  return (
    <figure className="curve-chart" data-testid={`curve-${curve.id}`} data-epochs={epochs.length}>
      <figcaption className="curve-caption">
        <span className="curve-title">{curve.title}</span>
        {series.map((line) => (
          <span key={line.name} className="curve-legend">
            <span className={`curve-swatch ${line.className}`} aria-hidden="true" />
            {line.name}
            {shown && <span className="mono curve-value">{format(line.value(shown))}</span>}
          </span>
        ))}
        {shown && <span className="muted curve-epoch">{t('training.chart.epoch', { epoch: shown.epoch })}</span>}
      </figcaption>
      <div ref={frameRef} className="curve-frame">
        {width > 0 && (
          <svg
            width={width}
            height={HEIGHT}
            role="img"
            aria-label={summary}
            onPointerMove={(event) => hover(event.clientX, event.currentTarget)}
            onPointerLeave={() => setHovered(null)}
          >
            {yTicks.map((tick) => (
              <g key={`y${tick}`} className="curve-grid">
                <line x1={MARGIN.left} x2={plotRight} y1={y(tick)} y2={y(tick)} />
                <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                  {curve.share ? `${Math.round(tick * 100)}%` : tick}
                </text>
              </g>
            ))}
            {xTicks.map((tick) => (
              <text key={`x${tick}`} className="curve-axis" x={x(tick)} y={HEIGHT - 8} textAnchor="middle">
                {tick}
              </text>
            ))}
            {bestEpoch !== null && bestEpoch > 0 && (
              <g className="curve-best" data-testid="curve-best" data-epoch={bestEpoch}>
                <line x1={x(bestEpoch)} x2={x(bestEpoch)} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} />
                {/* Beside the line, on whichever side has room. */}
                <text
                  x={x(bestEpoch) > plotRight - 32 ? x(bestEpoch) - 4 : x(bestEpoch) + 4}
                  y={MARGIN.top + 8}
                  textAnchor={x(bestEpoch) > plotRight - 32 ? 'end' : 'start'}
                >
                  {t('training.chart.best')}
                </text>
              </g>
            )}
            {hovered !== null && <line className="curve-cursor" x1={x(hovered)} x2={x(hovered)} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} />}
            {series.map((line) => {
              const drawn = epochs.filter((epoch) => Number.isFinite(line.value(epoch)))
              const points = drawn.map((epoch) => `${x(epoch.epoch).toFixed(1)},${y(line.value(epoch)).toFixed(1)}`)
              const end = drawn.at(-1)
              return (
                <g key={line.name} className={line.className}>
                  <polyline className="curve-line" points={points.join(' ')} data-testid="curve-line" data-points={points.length} />
                  {end && <circle className="curve-dot" cx={x(end.epoch)} cy={y(line.value(end))} r={3} />}
                </g>
              )
            })}
          </svg>
        )}
      </div>
    </figure>
  )
}
