import { isAbsolute } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { Access, PathGrants } from './path-grants'

interface ScopedField {
  field: string
  access: Access
  /** Completes "Allow Loupe to … <path>?" */
  purpose: string
}

/**
 * The channels whose requests name a folder the renderer picked itself (typed, or chosen in the in-app browser),
 * and what each does there. Imports are not here: they only take in image files, which the media scheme then serves
 * only while they are still those images.
 */
export const SCOPED_CHANNELS: Readonly<Record<string, ScopedField>> = {
  'files.browse': { field: 'dir', access: 'list', purpose: 'list' },
  // Its pixels come back to the window, unlike a search by path, which gives only similarities.
  'files.preview': { field: 'path', access: 'read', purpose: 'show' },
  'exports.start': { field: 'out', access: 'write', purpose: 'write the export to' },
  'dicom.exportImages': { field: 'out', access: 'write', purpose: 'write the exported images to' },
  'training.exportVersion': { field: 'dir', access: 'write', purpose: 'write the classifier to' },
  'training.importVersion': { field: 'dir', access: 'read', purpose: 'read a classifier from' },
  // A model folder, or a single .onnx/.tflite file: a grant covers a file as well as a folder.
  'models.add': { field: 'path', access: 'read', purpose: 'read a model from' },
}

export interface PathScopeOptions {
  grants: PathGrants
  /** Asks the person, in a native dialog the page cannot draw or click, whether Loupe may use this folder. */
  confirm(path: string, purpose: string): Promise<boolean>
}

/**
 * Checks a request from the window before it is dispatched: a folder it names must be one granted this session;
 * reading or writing elsewhere needs the person's yes in a native dialog (which then grants it), and listing
 * elsewhere is refused. A compromised page can therefore not write, load or look around outside what the person
 * chose. Returns the refusal, or null to go ahead.
 */
export function createPathScope({ grants, confirm }: PathScopeOptions) {
  // Requests naming the same folder for the same purpose at the same time share one decision, so one question.
  const deciding = new Map<string, Promise<ApiError | null>>()

  async function decide(path: string, scoped: ScopedField): Promise<ApiError | null> {
    if (await grants.allows(path, scoped.access)) return null
    if (scoped.access === 'list') {
      return new ApiError(
        'bad_request',
        `Loupe lists only your home folder and folders you chose this session, and ${path} is neither. ` +
          'Type its full path in the field instead; Loupe asks you before it reads or writes there.',
      )
    }
    if (!(await confirm(path, scoped.purpose))) return new ApiError('bad_request', `Loupe was not allowed to ${scoped.purpose} ${path}.`)
    await grants.grant(path)
    return null
  }

  return (channel: string, payload: unknown): Promise<ApiError | null> => {
    const scoped = Object.hasOwn(SCOPED_CHANNELS, channel) ? SCOPED_CHANNELS[channel]! : undefined
    if (!scoped || typeof payload !== 'object' || payload === null || !Object.hasOwn(payload, scoped.field)) {
      return Promise.resolve(null)
    }
    const path = (payload as Record<string, unknown>)[scoped.field]
    // Anything but a string is refused by the contract's own check, with its own message.
    if (typeof path !== 'string' || path === '') return Promise.resolve(null)
    if (!isAbsolute(path)) return Promise.resolve(new ApiError('bad_request', `The folder must be an absolute path, not "${path}".`))
    const key = `${scoped.access}\0${scoped.purpose}\0${path}`
    let decision = deciding.get(key)
    if (!decision) {
      decision = decide(path, scoped).finally(() => deciding.delete(key))
      deciding.set(key, decision)
    }
    return decision
  }
}

export type PathScope = ReturnType<typeof createPathScope>
