import type { ExportRequest, ExportResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

export async function exportCommand(loupe: Loupe, request: ExportRequest, output: Output): Promise<void> {
  const { id } = await loupe.client.api.exports.start(request)
  const result = (await followJob(loupe, id, output)).result as ExportResult
  output.result(result, () =>
    [
      `Exported ${result.images} images and ${result.boxes} boxes to ${result.dir}`,
      ...result.warnings.map((warning) => `  note: ${warning}`),
    ].join('\n'),
  )
}
