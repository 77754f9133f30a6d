/**
 * Data shapes that cross the renderer↔main boundary. Requests are validated against these; replies are typed by them.
 *
 * One file per namespace of the contract (../contract.ts), holding the shapes that namespace's methods take and give;
 * common.ts holds the primitives several share. A namespace may import another's shapes (search and training list
 * catalogue images, most take label names from labels), never in a circle. Import from here, not from the files.
 */
export * from './common'
export * from './workspace'
export * from './labels'
export * from './catalog'
export * from './imports'
export * from './exports'
export * from './search'
export * from './models'
export * from './annotations'
export * from './jobs'
export * from './files'
export * from './dialogs'
export * from './dicom'
export * from './training'
export * from './anomaly'
export * from './detector'
export * from './map'
