import type { Region, SearchQuery } from '../../../shared/api/schemas'

/**
 * What the person asked to find images like, or a region of it. Files from outside carry a preview URL of their own
 * and their size in pixels (regions are in those pixels; 0 when the browser cannot show the file), a dropped one its bytes.
 */
export type SearchSubject =
  | { kind: 'image'; imageId: number; fileName: string; width?: number; height?: number; region?: Region }
  | { kind: 'path'; path: string; previewUrl: string; width: number; height: number; region?: Region }
  | { kind: 'file'; name: string; bytesBase64: string; previewUrl: string; width: number; height: number; region?: Region }

export function queryOf(subject: SearchSubject): SearchQuery {
  const region = subject.region ? { region: subject.region } : {}
  switch (subject.kind) {
    case 'image':
      return { imageId: subject.imageId, ...region }
    case 'path':
      return { path: subject.path, ...region }
    case 'file':
      return { bytesBase64: subject.bytesBase64, ...region }
  }
}

/** Equal for subjects that ask the same question. */
export function subjectKey(subject: SearchSubject): string {
  const region = subject.region ?? null
  switch (subject.kind) {
    case 'image':
      return JSON.stringify(['image', subject.imageId, region])
    case 'path':
      return JSON.stringify(['path', subject.path, region])
    case 'file':
      return JSON.stringify(['file', subject.previewUrl, region])
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
