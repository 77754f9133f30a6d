export { Embedder } from './embedder'
export { modelHandlers } from './handlers'
export { ModelSetting } from './model-setting'
export { ModelDownloadRunner } from './download-runner'
