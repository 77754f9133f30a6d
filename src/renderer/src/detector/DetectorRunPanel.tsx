import { formatCount, pluralize } from '../format/numbers'
import { CurveChart } from '../training/CurveChart'
import { LOSS_CURVE } from '../training/curves'
import { formatDuration, STOP_REASON_NAMES } from '../training/formatMetrics'
import { RunCard, UnfinishedOutcome } from '../training/RunPanel'
import { MAP50_CURVE } from './curves'
import { showDetectorTab, showDetectorVersion } from './detectorScreen'
import type { DetectorRun } from './useDetectorRun'

/** The newest detector training run: live loss and mAP50 curves, how far it is, Stop, and what it made. */
export function DetectorRunPanel({ run }: { run: DetectorRun | null | undefined }) {
  return (
    <RunCard
      run={run}
      testId="detector-run"
      untrained="No detector has been trained in this workspace yet. Once training starts, its loss on the training and validation images and its validation mAP50 are drawn here, epoch by epoch."
      preparingTestId="detector-run-preparing"
      preparing="Preparing: computing the feature maps of the images with boxes"
      charts={
        run && (
          <>
            <CurveChart curve={LOSS_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
            <CurveChart curve={MAP50_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
          </>
        )
      }
      outcome={run && <RunOutcome run={run} />}
      stopHint="Stopping keeps the best epoch so far as a new version."
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
          <strong>{result.valMAP50.toFixed(3)}</strong> validation mAP50 ({result.valMAP5095.toFixed(3)} mAP50-95) with{' '}
          <span className="mono">{result.model}</span>, now the active version: {pluralize(result.epochs, 'epoch')} in {formatDuration(result.seconds)} (
          {STOP_REASON_NAMES[result.stoppedBy].toLowerCase()}, best epoch {result.bestEpoch}), {formatCount(result.trainImages)} training and{' '}
          {formatCount(result.valImages)} validation images. Trained on {result.backend}.
        </p>
        {perClass.length > 0 && (
          <p className="muted" data-testid="detector-run-per-class">
            AP50 per class:{' '}
            {perClass.map(([label, ap], index) => (
              <span key={label}>
                {index > 0 && ', '}
                {label} <span className="mono">{ap === null ? '—' : ap.toFixed(3)}</span>
              </span>
            ))}
          </p>
        )}
        <button type="button" className="button button-small button-primary" data-testid="detector-run-evaluate" onClick={() => showDetectorVersion(result.versionId)}>
          Evaluate {result.model}
        </button>
      </div>
    )
  }
  return <UnfinishedOutcome run={run} testId="detector-run-outcome" onVersions={() => showDetectorTab('versions')} />
}
