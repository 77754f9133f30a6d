/**
 * Colours offered for a label: distinct from each other and readable on the dark canvas and on photos; a label chip
 * mixes its text from them, which test/renderer/theme/contrast.test.ts holds readable in both themes.
 */
export const LABEL_SWATCHES: readonly string[] = [
  '#5b8def', '#f5a142', '#e5534b', '#4fb8a8', '#6cc24a', '#e8cf4a',
  '#b884d9', '#f38fb0', '#a98262', '#8fa3b8', '#2fb2e0', '#c9d23f',
]
