import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import * as tfl from '@tensorflow/tfjs-layers'
import type { TfliteConversion } from '../../../../src/main/engines/tflite'

/** A converted model loaded in this process by TensorFlow.js (cpu backend), as model.json + weights.bin would be. */
export async function loadConverted(conversion: TfliteConversion): Promise<tfl.LayersModel> {
  tf.enableProdMode()
  await tf.setBackend('cpu')
  const { modelTopology, weightsManifest } = conversion.modelJson
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
      weightSpecs: weightsManifest.flatMap((group) => group.weights),
      weightData: conversion.weights.slice().buffer,
    }),
  )
}

/** The error `run` throws (null when it throws none). */
export function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return null
}

/** Deterministic numbers in [0, 1) (mulberry32), so failures reproduce. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
