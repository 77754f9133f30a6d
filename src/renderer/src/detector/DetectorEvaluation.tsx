import type { DetectorDetail, DetectorEvaluation as Evaluation } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import { EvaluationCard } from '../training/EvaluationCard'
import { formatScore } from '../training/formatMetrics'
import { MAP50_CURVE } from './curves'
import { ThresholdField } from './ThresholdField'
import { WorstDetections } from './WorstDetections'
import { t } from '../i18n/t'
import '../ui/dataTable.css'

const formatAP = (ap: number | null) => (ap === null ? '—' : ap.toFixed(3))

/** How one version finds boxes on its validation images: mAP, per class, and the images it does worst on. */
export function DetectorEvaluation({ version }: { version: DetectorDetail }) {
  const evaluation = version.evaluation
  return (
    <EvaluationCard
      version={version}
      testId="detector-evaluation"
      learntFrom={t('detector.evaluation.learntFrom', { trainImages: version.trainImages, valImages: version.valImages })}
      settings={<ThresholdField key={version.scoreThreshold} version={version} />}
      scores={
        <div className="detector-maps">
          <div className="evaluation-accuracy" data-testid="detector-eval-map50" data-value={evaluation?.map50 ?? ''}>
            <span className="evaluation-accuracy-value">{evaluation ? evaluation.map50.toFixed(3) : '—'}</span>
            <span className="muted">{t('detector.metric.map50')}</span>
          </div>
          <div className="evaluation-accuracy" data-testid="detector-eval-map5095" data-value={evaluation?.map5095 ?? ''}>
            <span className="evaluation-accuracy-value">{evaluation ? evaluation.map5095.toFixed(3) : '—'}</span>
            <span className="muted">{t('detector.metric.map5095')}</span>
          </div>
        </div>
      }
      qualityCurve={MAP50_CURVE}
      noneTestId="detector-eval-none"
      missing={t('detector.evaluation.missing')}
    >
      {evaluation && (
        <>
          <PerClass evaluation={evaluation} />
          <WorstDetections images={evaluation.worstImages} />
        </>
      )}
    </EvaluationCard>
  )
}

function PerClass({ evaluation }: { evaluation: Evaluation }) {
  return (
    <section aria-label={t('detector.perClass.label')}>
      <h4 className="evaluation-section-title">{t('detector.perClass.title', { score: evaluation.scoreThreshold.toFixed(2) })}</h4>
      <table className="data-table detector-class-table" data-testid="detector-per-class">
        <thead>
          <tr>
            <th scope="col">{t('detector.perClass.class')}</th>
            <th scope="col" className="numeric" title={t('detector.perClass.boxes.title')}>
              {t('detector.perClass.boxes')}
            </th>
            <th scope="col" className="numeric" title={t('detector.perClass.ap50.title')}>
              {t('detector.metric.ap50')}
            </th>
            <th scope="col" className="numeric" title={t('detector.perClass.ap5095.title')}>
              {t('detector.metric.ap5095')}
            </th>
            <th scope="col" className="numeric">
              {t('detector.perClass.precision')}
            </th>
            <th scope="col" className="numeric">
              {t('detector.perClass.recall')}
            </th>
          </tr>
        </thead>
        <tbody>
          {evaluation.perClass.map((row) => (
            <tr key={row.label} data-testid="detector-class-row" data-label={row.label} data-ap50={row.ap50 ?? ''}>
              <th scope="row">{row.label}</th>
              <td className="numeric">{formatCount(row.boxes)}</td>
              <td className="numeric mono">{formatAP(row.ap50)}</td>
              <td className="numeric mono">{formatAP(row.ap5095)}</td>
              <td className="numeric">{formatScore(row.precision)}</td>
              <td className="numeric">{formatScore(row.recall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
