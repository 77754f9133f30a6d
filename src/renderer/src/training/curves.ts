import type { EpochMetrics } from '../../../shared/api/schemas'
import { t } from '../i18n/t'

/** One line of a chart: a value read from each epoch. */
export interface CurveSeries<Epoch> {
  name: string
  /** Its colour: 'curve-train' or 'curve-val' (training.css). */
  className: 'curve-train' | 'curve-val'
  value(epoch: Epoch): number
}

/** What one chart of per-epoch figures draws, and how its values read. */
export interface Curve<Epoch> {
  /** The chart's test id is `curve-<id>`. */
  id: string
  title: string
  /** A share (accuracy, mAP) is drawn on a fixed 0–1 axis; anything else (a loss) on an axis fitted to its values. */
  share: boolean
  format(value: number): string
  series: readonly CurveSeries<Epoch>[]
}

const asPercent = (value: number) => `${(value * 100).toFixed(1)}%`

/** Train and validation loss: the classifier's and the detector's epochs both carry them. */
export const LOSS_CURVE: Curve<Pick<EpochMetrics, 'epoch' | 'trainLoss' | 'valLoss'>> = {
  id: 'loss',
  title: t('training.curve.loss'),
  share: false,
  format: (value) => value.toFixed(3),
  series: [
    { name: t('training.curve.train'), className: 'curve-train', value: (epoch) => epoch.trainLoss },
    { name: t('training.curve.validation'), className: 'curve-val', value: (epoch) => epoch.valLoss },
  ],
}

export const ACCURACY_CURVE: Curve<EpochMetrics> = {
  id: 'accuracy',
  title: t('training.curve.accuracy'),
  share: true,
  format: asPercent,
  series: [
    { name: t('training.curve.train'), className: 'curve-train', value: (epoch) => epoch.trainAccuracy },
    { name: t('training.curve.validation'), className: 'curve-val', value: (epoch) => epoch.valAccuracy },
  ],
}
