import type { Region, SearchQuery } from '../../../shared/api/schemas'

/** What the person asked to find images like. Files from outside carry their bytes and a preview URL of their own. */
export type SearchSubject =
  | { kind: 'image'; imageId: number; fileName: string; width?: number; height?: number; region?: Region }
  | { kind: 'path'; path: string }
  | { kind: 'file'; name: string; bytesBase64: string; previewUrl: string }

export function queryOf(subject: SearchSubject): SearchQuery {
  switch (subject.kind) {
    case 'image':
      return subject.region ? { imageId: subject.imageId, region: subject.region } : { imageId: subject.imageId }
    case 'path':
      return { path: subject.path }
    case 'file':
      return { bytesBase64: subject.bytesBase64 }
  }
}

/** Equal for subjects that ask the same question. */
export function subjectKey(subject: SearchSubject): string {
  switch (subject.kind) {
    case 'image':
      return JSON.stringify(['image', subject.imageId, subject.region ?? null])
    case 'path':
      return JSON.stringify(['path', subject.path])
    case 'file':
      return JSON.stringify(['file', subject.previewUrl])
  }
}

/** A dropped or chosen file as what the search API takes: its bytes, base64-encoded. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(binary)
}

export const formatScore = (score: number): string => score.toFixed(2)
