/** Distinct, readable-on-dark colours handed to new labels in turn; the user can change them later. */
const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#17becf', '#bcbd22',
]

export function colorForNewLabel(existingCount: number): string {
  return PALETTE[existingCount % PALETTE.length]!
}
