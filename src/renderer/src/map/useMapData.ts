import { useCallback, useEffect, useRef, useState } from 'react'
import type { MapColourBy, MapColours, MapStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

/** The map's points as the view keeps them: typed arrays for the GPU and the grid, the ids and file names beside. */
export interface MapPointSet {
  modelId: string
  imageIds: number[]
  xs: Float32Array
  ys: Float32Array
  fileNames: string[]
}

export interface MapData {
  status: MapStatus | null
  points: MapPointSet | null
  /** The attribute the points are coloured by, aligned with `points` (null while it loads). */
  colours: MapColours | null
  problem: string | null
  refreshStatus(): void
}

/**
 * The active model's map: its status, its points and one attribute to colour them by, each fetched again when the
 * services say it changed (a layout, new points, labels, predictions, anomaly scores, detections).
 */
export function useMapData(by: MapColourBy): MapData {
  const client = useClient()
  const reconnects = useReconnects()
  const [status, setStatus] = useState<MapStatus | null>(null)
  const [points, setPoints] = useState<MapPointSet | null>(null)
  const [colours, setColours] = useState<MapColours | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [pointsRevision, setPointsRevision] = useState(0)
  const [coloursRevision, setColoursRevision] = useState(0)
  const reportProblem = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error))

  const latestStatus = useRef(0)
  const refreshStatus = useCallback(() => {
    const request = ++latestStatus.current
    client.api.map.status({}).then((next) => request === latestStatus.current && setStatus(next), reportProblem)
  }, [client])

  useEffect(() => refreshStatus(), [refreshStatus, reconnects])
  useClientEvent('map.changed', () => {
    refreshStatus()
    setPointsRevision((n) => n + 1)
  })
  useClientEvent('search.indexChanged', refreshStatus)
  useClientEvent('catalog.changed', () => {
    refreshStatus()
    setColoursRevision((n) => n + 1)
  })
  const recolour = () => setColoursRevision((n) => n + 1)
  useClientEvent('training.changed', recolour)
  useClientEvent('anomaly.changed', recolour)
  useClientEvent('detector.changed', recolour)

  const modelId = status?.modelId ?? null
  useEffect(() => {
    if (modelId === null) return
    let current = true
    client.api.map.points({ withPaths: true }).then((reply) => {
      if (!current) return
      setPoints({
        modelId: reply.modelId,
        imageIds: reply.imageIds,
        xs: Float32Array.from(reply.x),
        ys: Float32Array.from(reply.y),
        fileNames: (reply.paths ?? []).map(fileNameOf),
      })
    }, reportProblem)
    return () => {
      current = false
    }
  }, [client, modelId, pointsRevision, reconnects])

  useEffect(() => {
    if (!points) return
    let current = true
    client.api.map.colours({ by }).then((reply) => current && setColours(alignedWith(reply, points.imageIds)), reportProblem)
    return () => {
      current = false
    }
  }, [client, by, points, coloursRevision])

  return { status, points, colours: colours && colours.by === by ? colours : null, problem, refreshStatus }
}

/** The reply's values in the order of the points shown (the two may have been read either side of a change). */
function alignedWith(colours: MapColours, imageIds: readonly number[]): MapColours {
  if (colours.imageIds.length === imageIds.length && colours.imageIds.every((id, i) => id === imageIds[i])) return colours
  const valueOf = new Map(colours.imageIds.map((id, i) => [id, colours.values[i] ?? null]))
  return { ...colours, imageIds: [...imageIds], values: imageIds.map((id) => valueOf.get(id) ?? null) }
}

function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
}
