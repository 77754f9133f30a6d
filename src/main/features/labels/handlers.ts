import type { LoupeHandlers } from '../../../shared/api/contract'
import type { LabelService } from './label-service'

export function labelHandlers(labels: LabelService): LoupeHandlers['labels'] {
  return {
    create: ({ name, color, hotkey }) => labels.create(name, color, hotkey),
    update: ({ id, ...changes }) => labels.update(id, changes),
    merge: ({ sourceId, targetId }) => labels.merge(sourceId, targetId),
    remove: ({ id }) => {
      labels.remove(id)
      return { ok: true as const }
    },
  }
}
