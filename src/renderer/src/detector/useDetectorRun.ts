import { useEffect, useState } from 'react'
import { DetectorTrainResult, type DetectorEpoch, type JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useLatestJob } from '../jobs/useLatestJob'
import { withEpochs } from '../training/useTrainingRun'
import { bestMAP50Epoch } from './curves'

export interface DetectorRun {
  job: JobSummary
  /** Every epoch so far, in order. */
  epochs: readonly DetectorEpoch[]
  maxEpochs: number | null
  /** The epoch whose weights are kept: the highest validation mAP50 so far. */
  bestEpoch: number | null
  /** What a finished run made. */
  result: DetectorTrainResult | null
}

interface Curves {
  jobId: number
  epochs: readonly DetectorEpoch[]
  maxEpochs: number | null
}

/**
 * The newest detector training run with its loss and validation mAP50 per epoch: what was stored when the view
 * opened, then each epoch as its 'detector.epoch' event comes. `undefined` while loading; null: never trained.
 */
export function useDetectorRun(): DetectorRun | null | undefined {
  const client = useClient()
  const job = useLatestJob('detector-train')
  const [curves, setCurves] = useState<Curves | null>(null)
  const jobId = job?.id ?? null

  useEffect(() => {
    if (jobId === null) return
    let current = true
    client.api.detector.curves({ jobId }).then(
      (stored) => {
        if (!current) return
        setCurves((known) => (known?.jobId === jobId ? { ...known, epochs: withEpochs(stored, known.epochs) } : { jobId, epochs: stored, maxEpochs: null }))
      },
      // A run too old to have curves left simply shows none.
      () => {},
    )
    return () => {
      current = false
    }
  }, [client, jobId])

  useClientEvent('detector.epoch', ({ jobId: from, maxEpochs, ...epoch }) => {
    setCurves((known) => {
      if (known && known.jobId > from) return known
      return { jobId: from, epochs: known?.jobId === from ? withEpochs(known.epochs, [epoch]) : [epoch], maxEpochs }
    })
  })

  if (job === undefined) return undefined
  if (job === null) return null
  const ours = curves?.jobId === job.id ? curves : null
  const epochs = ours?.epochs ?? []
  const parsed = job.state === 'completed' ? DetectorTrainResult.safeParse(job.result) : null
  const result = parsed?.success ? parsed.data : null
  return { job, epochs, maxEpochs: ours?.maxEpochs ?? null, bestEpoch: result?.bestEpoch ?? bestMAP50Epoch(epochs), result }
}
