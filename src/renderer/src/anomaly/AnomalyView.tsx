import { screens } from '../screens/screens'
import { FullWindowView } from '../ui/FullWindowView'
import { showAnomalyTab } from './anomalyScreen'
import { ANOMALY_TABS, type AnomalyTabContext } from './anomalyTabs'
import '../ui/forms.css'
import './anomaly.css'
import { t } from '../i18n/t'

interface Props extends AnomalyTabContext {
  /** A screen was opened over this one: it steps aside, still mounted, keeping its place. */
  covered: boolean
}

/** Anomaly detection over the whole window: learn what good looks like, and manage the models, their versions and thresholds. */
export function AnomalyView({ covered, ...context }: Props) {
  const shown = ANOMALY_TABS.find((entry) => entry.tab === context.params.tab) ?? ANOMALY_TABS[0]!
  return (
    <FullWindowView
      title={t('anomaly.view.title')}
      className="anomaly-view"
      testId="anomaly"
      tabs={ANOMALY_TABS}
      tab={shown.tab}
      onTab={showAnomalyTab}
      onClose={() => screens.close('anomaly')}
      stepsAside={covered}
    >
      <div className="anomaly-body" role="tabpanel">
        {shown.pane(context)}
      </div>
    </FullWindowView>
  )
}
