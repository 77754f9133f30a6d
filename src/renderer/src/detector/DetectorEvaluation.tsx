import type { DetectorDetail, DetectorEvaluation as Evaluation } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import { EvaluationCard } from '../training/EvaluationCard'
import { formatScore } from '../training/formatMetrics'
import { MAP50_CURVE } from './curves'
import { ThresholdField } from './ThresholdField'
import { WorstDetections } from './WorstDetections'
import '../ui/dataTable.css'

const formatAP = (ap: number | null) => (ap === null ? '—' : ap.toFixed(3))

/** How one version finds boxes on its validation images: mAP, per class, and the images it does worst on. */
export function DetectorEvaluation({ version }: { version: DetectorDetail }) {
  const evaluation = version.evaluation
  return (
    <EvaluationCard
      version={version}
      testId="detector-evaluation"
      learntFrom={`${formatCount(version.trainImages)} training, ${formatCount(version.valImages)} validation images`}
      settings={<ThresholdField key={version.scoreThreshold} version={version} />}
      scores={
        <div className="detector-maps">
          <div className="evaluation-accuracy" data-testid="detector-eval-map50" data-value={evaluation?.map50 ?? ''}>
            <span className="evaluation-accuracy-value">{evaluation ? evaluation.map50.toFixed(3) : '—'}</span>
            <span className="muted">mAP50</span>
          </div>
          <div className="evaluation-accuracy" data-testid="detector-eval-map5095" data-value={evaluation?.map5095 ?? ''}>
            <span className="evaluation-accuracy-value">{evaluation ? evaluation.map5095.toFixed(3) : '—'}</span>
            <span className="muted">mAP50-95</span>
          </div>
        </div>
      }
      qualityCurve={MAP50_CURVE}
      noneTestId="detector-eval-none"
      missing="per-class AP or worst image"
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
    <section aria-label="Scores per class">
      <h4 className="evaluation-section-title">Per class · precision and recall at score {evaluation.scoreThreshold.toFixed(2)} and IoU 0.5</h4>
      <table className="data-table detector-class-table" data-testid="detector-per-class">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col" className="numeric" title="Validation boxes of this class">
              Boxes
            </th>
            <th scope="col" className="numeric" title="Average precision at IoU 0.5">
              AP50
            </th>
            <th scope="col" className="numeric" title="Average precision averaged over IoU 0.5 to 0.95">
              AP50-95
            </th>
            <th scope="col" className="numeric">
              Precision
            </th>
            <th scope="col" className="numeric">
              Recall
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
