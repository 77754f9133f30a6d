import type { ReactNode } from 'react'
import type { EpochMetrics } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { t, tRich } from '../i18n/t'
import { CurveChart } from './CurveChart'
import { LOSS_CURVE, type Curve } from './curves'
import { STOP_REASON_NAMES } from './formatMetrics'

type LossEpoch = Pick<EpochMetrics, 'epoch' | 'trainLoss' | 'valLoss'>

interface EvaluatedVersion<Epoch> {
  id: number
  name: string
  active: boolean
  origin: 'trained' | 'imported'
  createdAt: string
  backbone: string
  epochs: number
  bestEpoch: number
  stoppedBy: keyof typeof STOP_REASON_NAMES
  curves: readonly Epoch[]
}

interface Props<Epoch extends LossEpoch> {
  version: EvaluatedVersion<Epoch>
  testId: string
  /** What the version learnt from, said after its backbone. */
  learntFrom: ReactNode
  /** Said after the epochs: how long they took, formatted. */
  took?: string
  /** Under the version's line: what can be set on it. */
  settings?: ReactNode
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

const mono = (chunks: ReactNode[]) => <span className="mono">{chunks}</span>

/** "12 epochs, best 9 (early stopping)", and how long they took when known. */
function epochsText(version: EvaluatedVersion<unknown>, took: string | undefined): string {
  const values = { epochs: version.epochs, best: version.bestEpoch, reason: STOP_REASON_NAMES[version.stoppedBy].toLowerCase() }
  return took === undefined ? t('training.evaluation.epochs', values) : t('training.evaluation.epochsTook', { ...values, duration: took })
}

/** A version's evaluation, a classifier's or a detector's: its name and headline figures, its curves, then the details. */
export function EvaluationCard<Epoch extends LossEpoch>({ version, testId, learntFrom, took, settings, scores, qualityCurve, noneTestId, missing, children }: Props<Epoch>) {
  return (
    <article className="evaluation" data-testid={testId} data-version-id={version.id}>
      <header className="evaluation-header">
        <div>
          <h3 className="evaluation-title">
            <span className="mono">{version.name}</span>
            {version.active && <span className="version-active">{t('training.active')}</span>}
          </h3>
          <p className="muted">
            {tRich('training.evaluation.made', { origin: version.origin, date: formatDateTime(version.createdAt), backbone: version.backbone, mono })} · {learntFrom}
            {version.epochs > 0 && ` · ${epochsText(version, took)}`}
          </p>
          {settings}
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
          {t('training.evaluation.none', { missing })}
        </p>
      )}
    </article>
  )
}
