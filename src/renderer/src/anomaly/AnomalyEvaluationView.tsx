import type { Label } from '../../../shared/api/schemas'
import type { LibraryView } from '../library/useLibraryView'
import { screens } from '../screens/screens'
import { FullWindowView } from '../ui/FullWindowView'
import type { AnomalyEvaluationParams } from './anomalyEvaluationScreen'
import { EvaluationPane } from './EvaluationPane'

interface Props {
  params: AnomalyEvaluationParams
  library: LibraryView
  labels: readonly Label[]
  /** An image opened from the pane covers the view: it steps aside, still mounted, keeping its place. */
  covered: boolean
}

/** The evaluation pane as a screen of its own, until the anomaly view holds it as a tab. */
export function AnomalyEvaluationView({ params: { modelId = null }, library, labels, covered }: Props) {
  return (
    <FullWindowView
      title="Anomaly model evaluation"
      className="anomaly-evaluation-view"
      testId="anomaly-evaluation"
      tabs={[{ tab: 'evaluate', name: 'Evaluation' }]}
      tab="evaluate"
      // Its only tab: there is nothing to switch to until it joins the anomaly view's tabs.
      onTab={() => {}}
      onClose={() => screens.close('anomalyEvaluation')}
      stepsAside={covered}
    >
      <EvaluationPane
        key={modelId ?? 'newest'}
        modelId={modelId}
        onModel={(id) => screens.update('anomalyEvaluation', { modelId: id })}
        labels={labels}
        onShowInLibrary={(imageIds) => {
          library.showImages(imageIds, 'the anomaly evaluation')
          screens.close('anomalyEvaluation')
        }}
      />
    </FullWindowView>
  )
}
