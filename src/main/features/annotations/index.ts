export { annotationHandlers } from './handlers'
export { AnnotationService } from './annotation-service'
