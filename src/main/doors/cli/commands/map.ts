import type { MapComputeResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

/**
 * `loupe map`: every image's place on the active model's embedding map, in [0, 1]². Lays the map out the first time,
 * places images indexed since the layout, and otherwise reuses the stored one.
 */
export async function mapCommand(loupe: Loupe, output: Output): Promise<void> {
  const { map } = loupe.client.api
  const status = await map.status({})
  let computed: MapComputeResult | null = null
  if (!status.laidOut || status.unplaced > 0) {
    const { id } = await map.compute({})
    computed = (await followJob(loupe, id, output)).result as MapComputeResult
  }
  const points = await map.points({ withPaths: true })
  const paths = points.paths ?? []
  output.result(
    paths.map((path, i) => ({ path, x: points.x[i]!, y: points.y[i]! })),
    () => {
      const how = computed === null ? 'stored layout' : computed.mode === 'layout' ? 'laid out now' : `${computed.placed} placed now`
      const lines = paths.map((path, i) => `${points.x[i]!.toFixed(4)} ${points.y[i]!.toFixed(4)}  ${path}`)
      const waiting = status.unindexed > 0 ? `; ${status.unindexed} images are not indexed yet ("loupe index" adds them)` : ''
      return [...lines, `${paths.length} images on the map of ${points.modelId} (${how}${waiting}).`].join('\n')
    },
  )
}
