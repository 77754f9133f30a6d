import { useState } from 'react'
import type { ClassifierDetail } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import { t } from '../i18n/t'
import { CellImages } from './CellImages'
import { ConfusionMatrix, type Cell } from './ConfusionMatrix'
import { ACCURACY_CURVE } from './curves'
import { EvaluationCard } from './EvaluationCard'
import { formatDuration, formatPercent, formatScore } from './formatMetrics'
import '../ui/dataTable.css'

/** What a version's samples were: box crops, or images classed by their tags and/or their boxes. */
function sampleSourceName(version: ClassifierDetail): string {
  if (version.samples === 'boxes') return t('training.evaluation.source.boxCrops')
  if (version.labels === 'boxes') return t('training.evaluation.source.imagesByBoxClass')
  if (version.labels === 'tags-then-boxes') return t('training.evaluation.source.imagesByTagElseBox')
  return t('training.evaluation.source.imageTags')
}

/** How one version did on its validation images: accuracy, per class, and where it went wrong. */
export function Evaluation({ version }: { version: ClassifierDetail }) {
  const [cell, setCell] = useState<Cell | null>(null)
  const metrics = version.metrics
  const confusion = metrics?.confusion
  const cellLabels = cell && confusion ? { trueLabel: confusion.labels[cell.row]!, predicted: confusion.labels[cell.col]! } : null

  return (
    <EvaluationCard
      version={version}
      testId="evaluation"
      learntFrom={
        <>
          <span data-testid="eval-samples" data-labels={version.labels ?? ''}>
            {sampleSourceName(version)}
          </span>{' '}
          · {t('training.evaluation.sampleCounts', { train: version.trainCount, val: version.valCount })}
        </>
      }
      took={formatDuration(version.seconds)}
      scores={
        <div className="evaluation-accuracy" data-testid="eval-accuracy" data-value={metrics?.accuracy ?? ''}>
          <span className="evaluation-accuracy-value">{metrics ? formatPercent(metrics.accuracy) : '—'}</span>
          <span className="muted">{t('training.evaluation.accuracy')}</span>
        </div>
      }
      qualityCurve={ACCURACY_CURVE}
      noneTestId="eval-none"
      missing={t('training.evaluation.missing')}
    >
      {metrics && (
        <>
          <div className="evaluation-body">
            <section aria-label={t('training.evaluation.perClassLabel')}>
              <h4 className="evaluation-section-title">{t('training.evaluation.perClass')}</h4>
              <table className="data-table" data-testid="per-class-table">
                <thead>
                  <tr>
                    <th scope="col">{t('training.evaluation.class')}</th>
                    <th scope="col" className="numeric">
                      {t('training.evaluation.precision')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('training.evaluation.recall')}
                    </th>
                    <th scope="col" className="numeric">
                      F1
                    </th>
                    <th scope="col" className="numeric" title={t('training.evaluation.valTitle')}>
                      {t('training.evaluation.val')}
                    </th>
                    <th scope="col" className="numeric" title={t('training.evaluation.trainTitle')}>
                      {t('training.evaluation.train')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {metrics.perClass.map((row) => (
                    <tr key={row.label} data-testid="per-class-row" data-label={row.label}>
                      <th scope="row">{row.label}</th>
                      <td className="numeric">{formatScore(row.precision)}</td>
                      <td className="numeric">{formatScore(row.recall)}</td>
                      <td className="numeric">{formatScore(row.f1)}</td>
                      <td className="numeric">{formatCount(row.support)}</td>
                      <td className="numeric">{formatCount(version.counts[row.label]?.train ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-label={t('training.evaluation.confusion')}>
              <h4 className="evaluation-section-title">{t('training.evaluation.confusion')}</h4>
              <ConfusionMatrix confusion={metrics.confusion} selected={cell} onSelect={setCell} />
              {!cell && <p className="field-hint">{t('training.evaluation.chooseCell')}</p>}
            </section>
          </div>
          {cell && cellLabels && confusion && (
            <CellImages
              key={`${cell.row}:${cell.col}`}
              trueLabel={cellLabels.trueLabel}
              predicted={cellLabels.predicted}
              imageIds={confusion.imageIds[cell.row]?.[cell.col] ?? []}
            />
          )}
        </>
      )}
    </EvaluationCard>
  )
}
