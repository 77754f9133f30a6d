// Development and test entry of every worker started through src/main/workers: registers tsx in this worker thread,
// then imports the TypeScript worker whose file URL is workerData.entry. Bundled builds start the built worker file
// directly instead. Plain JavaScript on purpose: it is what Node can start before any TypeScript loader exists.
import { workerData } from 'node:worker_threads'

const { register } = await import('tsx/esm/api')
register()
await import(workerData.entry)
