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
