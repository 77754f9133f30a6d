/**
 * Worker threads with typed request/reply: declare a worker's methods once as a MethodMap, answer them inside the
 * worker with serveRequests, call them with a WorkerClient (one worker) or a WorkerPool (a few, started lazily).
 * Worker sources are found with workerEntry, which works from TypeScript (tsx, vitest) and from the bundle alike.
 */
export { WorkerClient, type WorkerClientOptions } from './client'
export { workerEntry, type WorkerEntry } from './entry'
export { KeptWorker } from './kept-worker'
export { WorkerPool, type WorkerPoolOptions } from './pool'
export { serializeError, type MethodMap, type SerializedError } from './protocol'
export { serveRequests, Transferring, type Handlers } from './serve'
