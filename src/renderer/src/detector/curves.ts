import type { DetectorEpoch } from '../../../shared/api/schemas'
import type { Curve } from '../training/curves'
import { t } from '../i18n/t'

/** Validation mAP at IoU 0.5 per epoch: what early stopping watches. */
export const MAP50_CURVE: Curve<DetectorEpoch> = {
  id: 'map50',
  title: t('detector.curve.map50'),
  share: true,
  format: (value) => value.toFixed(3),
  series: [{ name: 'mAP50', className: 'curve-val', value: (epoch) => epoch.valMAP50 }],
}

/** The epoch with the highest validation mAP50, the first on ties: the one whose weights the trainer keeps. */
export function bestMAP50Epoch(epochs: readonly DetectorEpoch[]): number | null {
  let best: DetectorEpoch | null = null
  for (const epoch of epochs) if (!best || epoch.valMAP50 > best.valMAP50) best = epoch
  return best?.epoch ?? null
}
