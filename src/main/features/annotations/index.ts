export { annotationHandlers } from './handlers'
export { AnnotationService } from './annotation-service'
export { SHAPE_SELECT, shapeColumns, shapeFields, type ShapeColumns } from './box-rows'
