import type { LoupeHandlers } from '../../../shared/api/contract'
import type { AnnotationService } from './annotation-service'

/** Every request goes through submit, so requests arriving together share one transaction and keep their order. */
export function annotationHandlers(annotations: AnnotationService): LoupeHandlers['annotations'] {
  const submit = annotations.submit.bind(annotations)
  return {
    get: ({ imageId }) => submit(() => annotations.get(imageId)),
    addBox: ({ imageId, label, ...drawn }) => submit(() => annotations.addBox(imageId, label, drawn)),
    updateBox: ({ imageId, boxId, ...update }) => submit(() => annotations.updateBox(imageId, boxId, update)),
    deleteBoxes: ({ imageId, boxIds }) => submit(() => annotations.deleteBoxes(imageId, boxIds)),
    copyBoxes: ({ imageId, fromImageId }) => submit(() => annotations.copyBoxes(imageId, fromImageId)),
    setTags: ({ imageId, tags }) => submit(() => annotations.setTags(imageId, tags)),
    addMeasurement: ({ imageId, kind, points }) => submit(() => annotations.addMeasurement(imageId, kind, points)),
    updateMeasurement: ({ imageId, measurementId, points }) =>
      submit(() => annotations.updateMeasurement(imageId, measurementId, points)),
    deleteMeasurements: ({ imageId, measurementIds }) => submit(() => annotations.deleteMeasurements(imageId, measurementIds)),
    undo: ({ imageId }) => submit(() => annotations.undo(imageId)),
    redo: ({ imageId }) => submit(() => annotations.redo(imageId)),
  }
}
