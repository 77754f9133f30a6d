import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CHANNELS } from './src/shared/api/contract'

const ROOT = import.meta.dirname

/**
 * The sandboxed preload may only invoke the contract's channels. The source module derives that list from the contract
 * (and the tests check it); in the bundle it is replaced by the same list as a literal, evaluated from the contract
 * here at build time, so zod and the schemas stay out of the preload.
 */
function preloadChannelList(): Plugin {
  const module = resolve(ROOT, 'src/preload/allowed-channels.ts')
  return {
    name: 'loupe:preload-channel-list',
    enforce: 'pre',
    load(id) {
      if (resolve(id.split('?')[0] ?? id) !== module) return null
      return `export const ALLOWED_CHANNELS = Object.freeze(${JSON.stringify(CHANNELS)});\n`
    },
  }
}

export default defineConfig({
  // Node main process, ESM (package.json "type": "module"). Dependencies (better-sqlite3, sharp, …) stay external:
  // electron-vite's externalizeDeps is on by default for the main build.
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        // The CLI's own build (scripts/build-cli.js) has the same worker entries, under the same names.
        input: {
          index: resolve(ROOT, 'src/main/index.ts'),
          // Inference runs in a worker thread started from this file (see src/main/engines/ml/engine.ts).
          'embedding-worker': resolve(ROOT, 'src/main/engines/ml/embedding-worker.ts'),
          // Classifier training and inference, and the object detector (see src/main/engines/learning/worker-client.ts).
          'training-worker': resolve(ROOT, 'src/main/engines/learning/training-worker.ts'),
          // DICOM pixel decoding, off the main thread (see src/main/engines/dicom/decoder.ts).
          'dicom-decode-worker': resolve(ROOT, 'src/main/engines/dicom/decode-worker.ts'),
          // PatchCore's patch, coreset and memory-bank work, off the main thread (see src/main/engines/anomaly/worker-client.ts).
          'anomaly-worker': resolve(ROOT, 'src/main/engines/anomaly/anomaly-worker.ts'),
          // The box detector's training and detection on cached feature maps (see src/main/engines/detection/worker-client.ts).
          'detection-worker': resolve(ROOT, 'src/main/engines/detection/detection-worker.ts'),
          // The embedding map's UMAP layout (see src/main/engines/map/map-client.ts).
          'map-worker': resolve(ROOT, 'src/main/engines/map/map-worker.ts'),
        },
      },
    },
  },
  // Sandboxed preloads cannot load ES modules or anything from node_modules: one self-contained CommonJS file,
  // out/preload/index.cjs.
  preload: {
    plugins: [preloadChannelList()],
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(ROOT, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
    plugins: [react()],
  },
})
