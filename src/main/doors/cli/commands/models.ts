import { formatBytes } from '../../../../shared/format/bytes'
import type { ModelDownloadResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

/** `loupe models add PATH`: a TensorFlow.js folder, an .onnx or a .tflite file, verified and installed for this user. */
export async function addModelCommand(loupe: Loupe, path: string, output: Output): Promise<void> {
  const model = await loupe.client.api.models.add({ path })
  output.result(model, () => `Added ${model.name} (${model.id}, ${model.dimension}-d)${model.active ? ', now in use' : ''}.`)
}

/** `loupe models use ID`: the model indexing and search use from now on, and how much is left to index with it. */
export async function useModelCommand(loupe: Loupe, id: string, output: Output): Promise<void> {
  const model = await loupe.client.api.models.activate({ id })
  const { indexed, pending } = await loupe.client.api.search.status({})
  output.result({ ...model, indexed, pending }, () =>
    `Using ${model.name} (${model.id}, ${model.dimension}-d): ${indexed} images indexed with it` +
    (pending > 0 ? `, ${pending} to index (run "loupe index").` : '.'),
  )
}

/** `loupe models known`: what Loupe can download, with size, licence, measured quality and speed. */
export async function knownModelsCommand(loupe: Loupe, output: Output): Promise<void> {
  const known = await loupe.client.api.models.known({})
  output.result(known, () =>
    known
      .map((model) => {
        const state = model.installed ? 'installed' : model.downloadable ? `download ${formatBytes(model.downloadBytes)}` : 'not downloadable'
        const speed = [
          model.onnxruntimeMsPerImage === null ? null : `${model.onnxruntimeMsPerImage} ms/image on onnxruntime`,
          model.wasmMsPerImage === null ? null : `${model.wasmMsPerImage} on wasm`,
        ].filter(Boolean)
        return [
          `${model.id}${model.recommended ? '  (recommended here)' : ''}  ${state}`,
          `  ${model.name}, ${model.dimension}-d, ${model.licence}`,
          `  search precision@10 ${model.cifar10PrecisionAt10.toFixed(3)} (CIFAR-10), classifier accuracy ${model.neuAccuracy.toFixed(3)} (NEU-DET)` +
            (speed.length ? `, ${speed.join(', ')}` : ''),
          ...(model.howToGet && !model.downloadable ? [`  ${model.howToGet}`] : []),
        ].join('\n')
      })
      .join('\n'),
  )
}

/** `loupe models download ID`: fetches a known model with progress (Ctrl+C stops; running it again carries on). */
export async function downloadModelCommand(loupe: Loupe, id: string, output: Output): Promise<void> {
  const { id: jobId } = await loupe.client.api.models.download({ id })
  const result = (await followJob(loupe, jobId, output, { unit: 'bytes' })).result as ModelDownloadResult
  output.result(result, () => `Downloaded and installed ${result.modelId} (${formatBytes(result.bytes)})${result.activated ? ', now in use' : ''}.`)
}
