import { useEffect, useState } from 'react'
import { TrainResult, type EpochMetrics, type JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useLatestJob } from '../jobs/useLatestJob'

export interface TrainingRun {
  job: JobSummary
  /** Every epoch so far, in order. */
  epochs: readonly EpochMetrics[]
  /** Known once training proper has begun (or from the job's count of work). */
  maxEpochs: number | null
  /** The epoch whose weights are kept (lowest validation loss so far). */
  bestEpoch: number | null
  /** What a finished run made. */
  result: TrainResult | null
}

interface Curves {
  jobId: number
  epochs: readonly EpochMetrics[]
  maxEpochs: number | null
  bestEpoch: number | null
}

/** The epochs known so far with those just heard of, one per epoch number (a later report wins), in order. */
export function withEpochs<Epoch extends { epoch: number }>(current: readonly Epoch[], added: readonly Epoch[]): Epoch[] {
  const byEpoch = new Map(current.map((epoch) => [epoch.epoch, epoch]))
  for (const epoch of added) byEpoch.set(epoch.epoch, epoch)
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch)
}

/** The lowest validation loss, first one on ties: the trainer's choice when no live event said otherwise. */
function lowestValidationLoss(epochs: readonly EpochMetrics[]): number | null {
  let best: EpochMetrics | null = null
  for (const epoch of epochs) if (!best || epoch.valLoss < best.valLoss) best = epoch
  return best?.epoch ?? null
}

/**
 * The newest training run with its loss and accuracy per epoch: what was stored so far when the view opens (the run
 * may have ended long ago, or be half way), then each epoch as it ends. `undefined` while loading, null: never trained.
 */
export function useTrainingRun(): TrainingRun | null | undefined {
  const client = useClient()
  const job = useLatestJob('train')
  const [curves, setCurves] = useState<Curves | null>(null)
  const jobId = job?.id ?? null

  useEffect(() => {
    if (jobId === null) return
    let current = true
    client.api.training.curves({ jobId }).then(
      (stored) => {
        if (!current) return
        setCurves((known) =>
          known?.jobId === jobId
            ? { ...known, epochs: withEpochs(stored, known.epochs) }
            : { jobId, epochs: stored, maxEpochs: null, bestEpoch: null },
        )
      },
      // A run too old to have curves left simply shows none.
      () => {},
    )
    return () => {
      current = false
    }
  }, [client, jobId])

  useClientEvent('training.epoch', ({ jobId: from, maxEpochs, bestEpoch, ...epoch }) => {
    setCurves((known) => {
      if (known && known.jobId > from) return known
      const epochs = known?.jobId === from ? withEpochs(known.epochs, [epoch]) : [epoch]
      return { jobId: from, epochs, maxEpochs, bestEpoch }
    })
  })

  if (job === undefined) return undefined
  if (job === null) return null
  const ours = curves?.jobId === job.id ? curves : null
  const epochs = ours?.epochs ?? []
  const parsed = job.state === 'completed' ? TrainResult.safeParse(job.result) : null
  const result = parsed?.success ? parsed.data : null
  // While it is training, the job counts epochs: its total is then the most it will run.
  const countsEpochs = epochs.length > 0 && job.state === 'running'
  return {
    job,
    epochs,
    maxEpochs: ours?.maxEpochs ?? (countsEpochs ? job.total : null),
    bestEpoch: result?.bestEpoch ?? ours?.bestEpoch ?? lowestValidationLoss(epochs),
    result,
  }
}
