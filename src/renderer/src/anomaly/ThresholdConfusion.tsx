import type { AnomalyEvaluation } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import '../ui/dataTable.css'
import { t } from '../i18n/t'

const share = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—')

/** The four counts at the threshold: rows what the images are, columns what the model says of them. */
export function ThresholdConfusion({ evaluation }: { evaluation: AnomalyEvaluation }) {
  const { confusion, goodImages, defectImages } = evaluation
  return (
    <table className="data-table anomaly-confusion" data-testid="anomaly-confusion">
      <thead>
        <tr>
          <th scope="col">{t('anomaly.confusion.images')}</th>
          <th scope="col" className="numeric">
            {t('anomaly.confusion.flagged')}
          </th>
          <th scope="col" className="numeric">
            {t('anomaly.confusion.passed')}
          </th>
          <th scope="col" className="numeric">
            {t('anomaly.confusion.rate')}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('anomaly.confusion.defective', { count: defectImages })}</th>
          <td className="numeric" data-testid="confusion-true-positive" title={t('anomaly.confusion.truePositive')}>
            {formatCount(confusion.truePositive)}
          </td>
          <td className="numeric anomaly-mistake" data-testid="confusion-false-negative" title={t('anomaly.confusion.falseNegative')}>
            {formatCount(confusion.falseNegative)}
          </td>
          <td className="numeric">{t('anomaly.confusion.detectedRate', { share: share(confusion.truePositive, defectImages) })}</td>
        </tr>
        <tr>
          <th scope="row">{t('anomaly.confusion.good', { count: goodImages })}</th>
          <td className="numeric anomaly-mistake" data-testid="confusion-false-positive" title={t('anomaly.confusion.falsePositive')}>
            {formatCount(confusion.falsePositive)}
          </td>
          <td className="numeric" data-testid="confusion-true-negative" title={t('anomaly.confusion.trueNegative')}>
            {formatCount(confusion.trueNegative)}
          </td>
          <td className="numeric">{t('anomaly.confusion.falseAlarmRate', { share: share(confusion.falsePositive, goodImages) })}</td>
        </tr>
      </tbody>
    </table>
  )
}
