import type { ClassifierMetrics } from '../../../shared/api/schemas'

/**
 * Evaluation on the validation split: accuracy, per-class precision / recall / F1, and the confusion matrix with the
 * image ids in each cell (rows: the true class, columns: the predicted one), so a click on a cell can show its images.
 */
export function evaluateClassifier(
  classes: readonly string[],
  probabilities: Float32Array,
  truth: Int32Array,
  imageIds: ArrayLike<number>,
): ClassifierMetrics {
  const k = classes.length
  const rows = truth.length
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const cells: number[][][] = Array.from({ length: k }, () => Array.from({ length: k }, () => []))
  let correct = 0
  for (let r = 0; r < rows; r++) {
    const actual = truth[r]!
    let predicted = 0
    for (let c = 1; c < k; c++) if (probabilities[r * k + c]! > probabilities[r * k + predicted]!) predicted = c
    counts[actual]![predicted]! += 1
    cells[actual]![predicted]!.push(imageIds[r]!)
    if (actual === predicted) correct++
  }
  const perClass = classes.map((label, c) => {
    const truePositives = counts[c]![c]!
    const predictedAs = counts.reduce((sum, row) => sum + row[c]!, 0)
    const support = counts[c]!.reduce((sum, n) => sum + n, 0)
    const precision = predictedAs > 0 ? truePositives / predictedAs : 0
    const recall = support > 0 ? truePositives / support : 0
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
    return { label, precision, recall, f1, support }
  })
  return { accuracy: rows > 0 ? correct / rows : 0, perClass, confusion: { labels: [...classes], counts, imageIds: cells } }
}

/** Top class, its probability, and the margin to the runner-up, for each row of a rows × classes matrix. */
export function topPredictions(probabilities: Float32Array, rows: number, classes: number): { index: number; confidence: number; margin: number }[] {
  const out: { index: number; confidence: number; margin: number }[] = []
  for (let r = 0; r < rows; r++) {
    let first = 0
    let second = -1
    for (let c = 1; c < classes; c++) {
      const p = probabilities[r * classes + c]!
      if (p > probabilities[r * classes + first]!) {
        second = first
        first = c
      } else if (second < 0 || p > probabilities[r * classes + second]!) {
        second = c
      }
    }
    const confidence = probabilities[r * classes + first]!
    const runnerUp = second >= 0 ? probabilities[r * classes + second]! : 0
    out.push({ index: first, confidence, margin: confidence - runnerUp })
  }
  return out
}
