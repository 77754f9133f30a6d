import { CurveChart } from '../training/CurveChart'
import { LOSS_CURVE } from '../training/curves'
import { formatDuration, STOP_REASON_NAMES } from '../training/formatMetrics'
import { RunCard, UnfinishedOutcome } from '../training/RunPanel'
import { MAP50_CURVE } from './curves'
import { showDetectorTab, showDetectorVersion } from './detectorScreen'
import type { DetectorRun } from './useDetectorRun'
import { t, tRich } from '../i18n/t'

/** The newest detector training run: live loss and mAP50 curves, how far it is, Stop, and what it made. */
export function DetectorRunPanel({ run }: { run: DetectorRun | null | undefined }) {
  return (
    <RunCard
      run={run}
      testId="detector-run"
      untrained={t('detector.run.untrained')}
      preparingTestId="detector-run-preparing"
      preparing={t('detector.run.preparing')}
      charts={
        run && (
          <>
            <CurveChart curve={LOSS_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
            <CurveChart curve={MAP50_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
          </>
        )
      }
      outcome={run && <RunOutcome run={run} />}
      stopHint={t('detector.run.stopHint')}
    />
  )
}

function RunOutcome({ run }: { run: DetectorRun }) {
  const { job, result } = run
  if (job.state === 'completed' && result) {
    const perClass = Object.entries(result.perClass)
    return (
      <div className="run-outcome" data-testid="detector-run-outcome" data-version-id={result.versionId}>
        <p>
          {tRich('detector.run.outcome', {
            map50: result.valMAP50.toFixed(3),
            map5095: result.valMAP5095.toFixed(3),
            model: result.model,
            epochs: result.epochs,
            duration: formatDuration(result.seconds),
            stopReason: STOP_REASON_NAMES[result.stoppedBy].toLowerCase(),
            bestEpoch: result.bestEpoch,
            trainImages: result.trainImages,
            valImages: result.valImages,
            backend: result.backend,
            strong: (chunks) => <strong key="strong">{chunks}</strong>,
            mono: (chunks) => (
              <span key="mono" className="mono">
                {chunks}
              </span>
            ),
          })}
        </p>
        {perClass.length > 0 && (
          <p className="muted" data-testid="detector-run-per-class">
            {t('detector.run.perClass')}{' '}
            {perClass.map(([label, ap], index) => (
              <span key={label}>
                {index > 0 && t('detector.run.perClass.separator')}
                {label} <span className="mono">{ap === null ? '—' : ap.toFixed(3)}</span>
              </span>
            ))}
          </p>
        )}
        <button type="button" className="button button-small button-primary" data-testid="detector-run-evaluate" onClick={() => showDetectorVersion(result.versionId)}>
          {t('detector.run.evaluate', { model: result.model })}
        </button>
      </div>
    )
  }
  return <UnfinishedOutcome run={run} testId="detector-run-outcome" onVersions={() => showDetectorTab('versions')} />
}
