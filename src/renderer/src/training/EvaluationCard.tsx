import type { ReactNode } from 'react'
import type { EpochMetrics } from '../../../shared/api/schemas'
import { CurveChart } from './CurveChart'
import { LOSS_CURVE, type Curve } from './curves'

type LossEpoch = Pick<EpochMetrics, 'epoch' | 'trainLoss' | 'valLoss'>

interface Props<Epoch extends LossEpoch> {
  version: { id: number; name: string; active: boolean; curves: readonly Epoch[]; bestEpoch: number }
  testId: string
  /** Under the name: where the version came from and what it learnt from. */
  about: ReactNode
  /** The headline figures, beside the name. */
  scores: ReactNode
  /** Drawn beside the loss: what the model is judged by, epoch by epoch. */
  qualityCurve: Curve<Epoch>
  noneTestId: string
  /** What a version with no stored evaluation cannot show. */
  missing: string
  /** The stored evaluation's details; `null` when none was stored, which a notice then says. */
  children: ReactNode
}

/** A version's evaluation, a classifier's or a detector's: its name and headline figures, its curves, then the details. */
export function EvaluationCard<Epoch extends LossEpoch>({ version, testId, about, scores, qualityCurve, noneTestId, missing, children }: Props<Epoch>) {
  return (
    <article className="evaluation" data-testid={testId} data-version-id={version.id}>
      <header className="evaluation-header">
        <div>
          <h3 className="evaluation-title">
            <span className="mono">{version.name}</span>
            {version.active && <span className="version-active">Active</span>}
          </h3>
          {about}
        </div>
        {scores}
      </header>

      {version.curves.length > 0 && (
        <div className="run-charts evaluation-charts">
          <CurveChart curve={LOSS_CURVE} epochs={version.curves} bestEpoch={version.bestEpoch} />
          <CurveChart curve={qualityCurve} epochs={version.curves} bestEpoch={version.bestEpoch} />
        </div>
      )}

      {children ?? (
        <p className="training-notice" data-testid={noneTestId}>
          No evaluation was stored with this version, so there is no {missing} to show.
        </p>
      )}
    </article>
  )
}
