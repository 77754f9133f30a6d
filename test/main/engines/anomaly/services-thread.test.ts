import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fitAnomalyModel, scoreAnomalies } from '../../../../src/main/engines/anomaly'
import { EmbeddingEngine, ModelStore } from '../../../../src/main/engines/ml'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { goodTiles } from './support'

/**
 * A fit leaves the calling thread (in the app, the services' thread) free: the backbone runs in the inference worker
 * and the patch arithmetic in the anomaly worker, so this thread only loads pictures and passes buffers along. The
 * event loop's delay and utilisation during a fit are printed as a measurement; the assertion is only that the loop
 * kept running callbacks all along.
 */

let engine: EmbeddingEngine

beforeAll(async () => {
  const store = new ModelStore(join(await tempDir('loupe-anomaly-thread-'), 'models'))
  await store.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
  const installed = await store.open('mobilenet-v1-1.0-224')
  engine = await EmbeddingEngine.start({ modelDir: installed.dir, manifest: installed.manifest, backends: ['onnxruntime'] })
})

afterAll(async () => {
  await engine?.close()
})

it('keeps the calling thread free while a model is fitted', async () => {
  const paths = (await goodTiles()).slice(0, 64)
  const delay = monitorEventLoopDelay({ resolution: 5 })
  // A timer rather than setImmediate: a loop of immediates would keep this thread busy and slow the fit down.
  let ticks = 0
  let fitting = true
  const tick = (): void => {
    ticks++
    if (fitting) setTimeout(tick, 1)
  }
  const utilisation = performance.eventLoopUtilization()
  delay.enable()
  setTimeout(tick, 1)
  let batches = 0
  const model = await fitAnomalyModel([engine], paths, { onProgress: () => batches++ })
  fitting = false
  delay.disable()
  const busy = performance.eventLoopUtilization(utilisation)
  console.log(
    `fit on ${paths.length} tiles: event loop delay max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, ` +
      `utilisation ${(busy.utilization * 100).toFixed(0)}% of ${(busy.idle + busy.active).toFixed(0)} ms, ${ticks} callbacks`,
  )
  expect(model.goodImages).toBe(paths.length)
  // Each batch's work is awaited, never run here, so the timer fires many times per batch.
  expect(ticks).toBeGreaterThan(batches * 10)
})

it('stops a cancelled fit after the batch in hand, and the worker goes on serving', async () => {
  const paths = (await goodTiles()).slice(0, 48)
  const controller = new AbortController()
  let reported = 0
  const cancelled = fitAnomalyModel([engine], paths, {
    signal: controller.signal,
    onProgress: (done) => {
      reported = done
      controller.abort(new Error('cancelled by the test'))
    },
  })
  await expect(cancelled).rejects.toThrow('cancelled by the test')
  expect(reported).toBe(16)
  const model = await fitAnomalyModel([engine], paths.slice(0, 4))
  expect(await scoreAnomalies(model, [engine], [])).toEqual([])
  expect((await scoreAnomalies(model, [engine], paths.slice(4, 6))).map((scored) => scored.path)).toEqual(paths.slice(4, 6))
})
