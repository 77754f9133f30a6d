export type AnomalyErrorCode =
  /** Fitting was given no good images. */
  | 'no-good-images'
  /** Fitting was given one good image: nothing is left to calibrate the threshold on. */
  | 'too-few-images'
  /** The good images mix grey and colour pictures, or an image to score is of the other kind than the model's. */
  | 'mixed-channels'
  /** The backbone gives no stride-8 or stride-16 feature map. */
  | 'no-feature-maps'
  /** The model was fitted on another backbone than the one given to score with. */
  | 'other-backbone'
  /** A memory-bank file is missing, cut short or of another format. */
  | 'unreadable-model'

/** A request anomaly detection cannot serve; `message` is a sentence for people saying what to do. */
export class AnomalyError extends Error {
  constructor(
    readonly code: AnomalyErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'AnomalyError'
  }
}
