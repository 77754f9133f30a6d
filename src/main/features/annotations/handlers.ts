import type { LoupeHandlers } from '../../../shared/api/contract'
import type { AnnotationService } from './annotation-service'

export function annotationHandlers(annotations: AnnotationService): LoupeHandlers['annotations'] {
  return {
    get: ({ imageId }) => annotations.get(imageId),
    addBox: ({ imageId, label, ...rect }) => annotations.addBox(imageId, label, rect),
    updateBox: ({ imageId, boxId, ...update }) => annotations.updateBox(imageId, boxId, update),
    deleteBoxes: ({ imageId, boxIds }) => annotations.deleteBoxes(imageId, boxIds),
    copyBoxes: ({ imageId, fromImageId }) => annotations.copyBoxes(imageId, fromImageId),
    setTags: ({ imageId, tags }) => annotations.setTags(imageId, tags),
    undo: ({ imageId }) => annotations.undo(imageId),
    redo: ({ imageId }) => annotations.redo(imageId),
  }
}
