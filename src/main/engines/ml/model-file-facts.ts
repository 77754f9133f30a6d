import { basename, extname } from 'node:path'

/**
 * What a caller knows about a model file that the file does not say: a known model's id, name and licence, and, for
 * a file whose output is a classifier's, which tensor is the embedding.
 */
export interface ModelFileFacts {
  id: string
  name: string
  licence?: string
  embeddingTensor?: string
}

/**
 * A store id for a model added from a file that names none: the file name without its extension, lower case, runs of
 * other characters as one "-", none at either end, at most 64 characters.
 */
export function modelIdFromFileName(file: string): string {
  const id = basename(file, extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 64)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
  return id || 'model'
}
