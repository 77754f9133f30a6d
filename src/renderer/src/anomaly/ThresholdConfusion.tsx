import type { AnomalyEvaluation } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import '../ui/dataTable.css'

const share = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—')

/** The four counts at the threshold: rows what the images are, columns what the model says of them. */
export function ThresholdConfusion({ evaluation }: { evaluation: AnomalyEvaluation }) {
  const { confusion, goodImages, defectImages } = evaluation
  return (
    <table className="data-table anomaly-confusion" data-testid="anomaly-confusion">
      <thead>
        <tr>
          <th scope="col">Images</th>
          <th scope="col" className="numeric">
            Flagged anomalous
          </th>
          <th scope="col" className="numeric">
            Passed as good
          </th>
          <th scope="col" className="numeric">
            Rate
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Defective ({formatCount(defectImages)})</th>
          <td className="numeric" data-testid="confusion-true-positive" title="Defects detected">
            {formatCount(confusion.truePositive)}
          </td>
          <td className="numeric anomaly-mistake" data-testid="confusion-false-negative" title="Defects missed">
            {formatCount(confusion.falseNegative)}
          </td>
          <td className="numeric">{share(confusion.truePositive, defectImages)} detected</td>
        </tr>
        <tr>
          <th scope="row">Good ({formatCount(goodImages)})</th>
          <td className="numeric anomaly-mistake" data-testid="confusion-false-positive" title="False alarms">
            {formatCount(confusion.falsePositive)}
          </td>
          <td className="numeric" data-testid="confusion-true-negative" title="Good images passed">
            {formatCount(confusion.trueNegative)}
          </td>
          <td className="numeric">{share(confusion.falsePositive, goodImages)} false alarms</td>
        </tr>
      </tbody>
    </table>
  )
}
