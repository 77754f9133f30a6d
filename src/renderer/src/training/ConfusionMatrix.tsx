import type { CSSProperties } from 'react'
import type { ClassifierMetrics } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import { t } from '../i18n/t'
import { formatPercent } from './formatMetrics'

export interface Cell {
  row: number
  col: number
}

interface Props {
  confusion: ClassifierMetrics['confusion']
  selected: Cell | null
  onSelect(cell: Cell): void
}

/**
 * Validation images by true class (rows) and predicted class (columns). Each cell is shaded by its share of its row,
 * so a rare class's mistakes show as clearly as a common one's: the diagonal (right) in the accent colour, the rest
 * (wrong) in red. Every cell with images is a button that shows them.
 */
export function ConfusionMatrix({ confusion, selected, onSelect }: Props) {
  const { labels, counts } = confusion
  const rowTotals = counts.map((row) => row.reduce((sum, count) => sum + count, 0))
  return (
    <div className="confusion-scroll">
      <table className="confusion" data-testid="confusion-matrix" data-classes={labels.length}>
        <caption className="confusion-caption">{t('training.confusion.caption')}</caption>
        <thead>
          <tr>
            <td className="confusion-corner" />
            {labels.map((label) => (
              <th key={label} scope="col" className="confusion-col-head" title={t('training.confusion.predicted', { label })}>
                <span>{label}</span>
              </th>
            ))}
            <th scope="col" className="confusion-total-head">
              {t('training.confusion.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {labels.map((trueLabel, row) => (
            <tr key={trueLabel}>
              <th scope="row" className="confusion-row-head" title={t('training.confusion.true', { label: trueLabel })}>
                {trueLabel}
              </th>
              {labels.map((predicted, col) => {
                const count = counts[row]?.[col] ?? 0
                const share = rowTotals[row] ? count / rowTotals[row]! : 0
                const isSelected = selected?.row === row && selected.col === col
                const correct = row === col
                return (
                  <td key={predicted} className="confusion-td">
                    <button
                      type="button"
                      className={['confusion-cell', correct ? 'is-correct' : 'is-wrong', share > 0.55 && 'is-strong', isSelected && 'is-selected'].filter(Boolean).join(' ')}
                      style={{ '--share': share } as CSSProperties}
                      disabled={count === 0}
                      aria-pressed={isSelected}
                      aria-label={
                        rowTotals[row]
                          ? t('training.confusion.cellShare', { trueLabel, predicted, count, share: formatPercent(share) })
                          : t('training.confusion.cell', { trueLabel, predicted, count })
                      }
                      data-testid="confusion-cell"
                      data-row={row}
                      data-col={col}
                      data-count={count}
                      data-true={trueLabel}
                      data-predicted={predicted}
                      onClick={() => onSelect({ row, col })}
                    >
                      {formatCount(count)}
                    </button>
                  </td>
                )
              })}
              <td className="confusion-total">{formatCount(rowTotals[row] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
