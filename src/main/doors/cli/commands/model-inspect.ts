import type { ModelInspection, ModelTensor, OnnxProposal } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'

/**
 * `loupe models inspect PATH`: what "models add PATH" would install, and for an .onnx file which of its settings are
 * guesses (with why), so they can be checked before the model's embeddings are trusted.
 */
export async function inspectModelCommand(loupe: Loupe, path: string, output: Output): Promise<void> {
  const inspection = await loupe.client.api.models.inspect({ path })
  output.result(inspection, () => describeInspection(path, inspection))
}

function describeInspection(path: string, inspection: ModelInspection): string {
  const { proposal, sidecar } = inspection
  if (sidecar) return `${path} is an ONNX model described by ${sidecar}: "loupe models add" uses that manifest.`
  if (!proposal) {
    const what = inspection.kind === 'folder' ? 'a model folder' : 'a .tflite model'
    return `${path} is ${what}, which says what Loupe needs to know: there is nothing to confirm.`
  }
  const guessed = new Map(inspection.guesses.map((guess) => [guess.field, guess.why]))
  const rows = settingRows(proposal).map(([label, value, fields]) => {
    const marked = fields.some((field) => guessed.has(field)) ? '  (guessed)' : ''
    return `  ${label.padEnd(15)}${value}${marked}`
  })
  const why = inspection.guesses.map((guess) => `  ${guess.field}: ${guess.why}`)
  return [
    `${path} is an ONNX model.`,
    `Input: ${inspection.input ? tensorText(inspection.input) : 'none'}`,
    `Outputs: ${inspection.outputs.map(tensorText).join(', ') || 'none'}`,
    `"loupe models add" would install it as:`,
    ...rows,
    ...(why.length > 0
      ? [`Guessed, as the file does not say (the app asks to confirm these; a manifest at ${path}.json would settle them):`, ...why]
      : []),
  ].join('\n')
}

/** Each line of the proposal: its label, its value, and the proposal fields it shows (to mark the guessed ones). */
function settingRows(proposal: OnnxProposal): Array<[string, string, string[]]> {
  const { scale, offset } = proposal.normalisation
  return [
    ['id', proposal.id, ['id']],
    ['name', proposal.name, ['name']],
    ['image size', `${proposal.width} × ${proposal.height}`, ['width', 'height']],
    ['layout', proposal.layout.toUpperCase(), ['layout']],
    ['normalisation', `pixel × ${numbers(scale)} + ${numbers(offset)}`, ['normalisation']],
    ['embedding', `output "${proposal.output}", ${proposal.pooling === 'avg' ? 'averaged over positions' : 'as it is'}, ${proposal.dimension} values`, ['output', 'pooling']],
  ]
}

function numbers(value: number | [number, number, number]): string {
  const text = (one: number) => String(Number(one.toPrecision(6)))
  return typeof value === 'number' ? text(value) : `[${value.map(text).join(', ')}]`
}

function tensorText(tensor: ModelTensor): string {
  return `"${tensor.name}" ${tensor.shape ? `[${tensor.shape.join(', ')}]` : '(shape not given)'}`
}
