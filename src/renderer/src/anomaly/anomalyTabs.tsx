import type { ReactNode } from 'react'
import type { Label } from '../../../shared/api/schemas'
import type { LibraryView } from '../library/useLibraryView'
import type { AnomalyParams, AnomalyTab } from './anomalyScreen'
import { screens } from '../screens/screens'
import { EvaluationPane } from './EvaluationPane'
import { LearnPane } from './LearnPane'
import { ModelsPane } from './ModelsPane'
import { t } from '../i18n/t'

/** What every tab of the Anomaly view may use. */
export interface AnomalyTabContext {
  params: AnomalyParams
  library: LibraryView
  labels: readonly Label[]
}

export interface AnomalyTabEntry {
  tab: AnomalyTab
  name: string
  pane(context: AnomalyTabContext): ReactNode
}

/** The Anomaly view's tabs, in order: the one list a tab is added to (and AnomalyTab, its id). */
export const ANOMALY_TABS: readonly AnomalyTabEntry[] = [
  { tab: 'learn', name: t('anomaly.tabs.learn'), pane: ({ params, labels, library }) => <LearnPane goodImageIds={params.goodImageIds ?? null} labels={labels} library={library} /> },
  { tab: 'models', name: t('anomaly.tabs.models'), pane: ({ params, library }) => <ModelsPane chosenId={params.modelId ?? null} library={library} /> },
  {
    tab: 'evaluate',
    name: t('anomaly.tabs.evaluate'),
    pane: ({ params, labels, library }) => (
      <EvaluationPane
        key={params.modelId ?? 'in use'}
        modelId={params.modelId ?? null}
        onModel={(modelId) => screens.update('anomaly', { modelId })}
        labels={labels}
        onShowInLibrary={(imageIds) => {
          library.showImages(imageIds, t('anomaly.evaluate.shownFrom'))
          screens.close('anomaly')
        }}
      />
    ),
  },
]
