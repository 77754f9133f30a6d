import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { signatureOf } from '../onnx'
import { ModelError } from './errors'
import { ModelManifest, type ModelManifestDraft } from './manifest'
import { hashMismatch, sha256Bytes, summariseIssues, writeManifest } from './model-files'
import { bindOnnxManifest } from './onnx-binding'
import { ONNX_MODEL_FILE, openOnnxBytes, readModelBytes } from './onnx-file'

/**
 * Builds a model folder from an .onnx file and its manifest draft, in `dir` (an empty folder the caller owns, e.g. the
 * store's temporary folder): the file copied in as model.onnx, manifest.json naming it with the copy's SHA-256. The
 * copy is what gets hashed and checked against the draft (a draft that pins a SHA-256 is held to it; its input and
 * output must exist in the graph as it describes them), so a file that changes while it is copied cannot get in.
 */
export async function writeOnnxModelFolder(source: string, dir: string, draft: ModelManifestDraft): Promise<ModelManifest> {
  if (draft.format !== 'onnx') {
    throw new ModelError('invalid-manifest', `The manifest for ${source} says format "${draft.format}"; an .onnx file is format "onnx".`, {
      modelId: draft.id,
      file: source,
    })
  }
  const copy = join(dir, ONNX_MODEL_FILE)
  await copyFile(source, copy)
  const bytes = await readModelBytes(copy)
  const sha256 = sha256Bytes(bytes)
  const parsed = ModelManifest.safeParse({ ...draft, modelFile: ONNX_MODEL_FILE, weights: [{ path: ONNX_MODEL_FILE, sha256, bytes: bytes.byteLength }] })
  if (!parsed.success) {
    throw new ModelError('invalid-manifest', `The manifest for ${source} is not valid (${summariseIssues(parsed.error)}).`, { modelId: draft.id, file: source })
  }
  const manifest = parsed.data
  const pinned = draft.weights?.[0]?.sha256
  if (pinned !== undefined && pinned !== sha256) throw hashMismatch(manifest, source, sha256, pinned)

  const session = await openOnnxBytes(bytes, source)
  try {
    bindOnnxManifest(signatureOf(session), manifest, source)
  } finally {
    await session.release()
  }
  await writeManifest(dir, manifest)
  return manifest
}
