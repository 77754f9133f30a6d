import { useEffect, useState } from 'react'
import type { DicomMeasurementRow } from '../../../../shared/api/schemas'
import { useClient } from '../../client/ClientContext'

export type SeriesMeasurements = { state: 'loading' } | { state: 'ready'; rows: DicomMeasurementRow[] } | { state: 'failed'; message: string }

const LOADING: SeriesMeasurements = { state: 'loading' }
const NONE: SeriesMeasurements = { state: 'ready', rows: [] }

/**
 * Every measurement on the given slices with its values as the services compute them, fetched again whenever
 * `revision` goes up. A reply overtaken by a newer request is dropped, so the list never goes back in time; while
 * another series' slices load, the previous series' rows are not shown for them.
 */
export function useSeriesMeasurements(sliceIds: readonly number[], revision: number): SeriesMeasurements {
  const client = useClient()
  // The slices as a value: a new array with the same ids (a re-render of the reader) is not a new series.
  const slicesKey = sliceIds.join(',')
  const [result, setResult] = useState<{ slicesKey: string; measurements: SeriesMeasurements }>({ slicesKey: '', measurements: NONE })

  useEffect(() => {
    if (slicesKey === '') return
    let current = true
    const imageIds = slicesKey.split(',').map(Number)
    client.api.dicom.measurements({ imageIds }).then(
      (rows) => current && setResult({ slicesKey, measurements: { state: 'ready', rows } }),
      (error: unknown) =>
        current && setResult({ slicesKey, measurements: { state: 'failed', message: error instanceof Error ? error.message : String(error) } }),
    )
    return () => {
      current = false
    }
  }, [client, slicesKey, revision])

  if (slicesKey === '') return NONE
  return result.slicesKey === slicesKey ? result.measurements : LOADING
}
