/**
 * Runs in a child process for the interrupted-export test: opens the workspace, starts an export and says
 * "started <job id>", then carries on with it until the test kills the process.
 */
import { openLoupe } from '../../../../src/main/app/loupe'

const [workspaceDir, out] = process.argv.slice(2) as [string, string]
const loupe = await openLoupe({ workspaceDir })
const { id } = await loupe.client.api.exports.start({ format: 'yolo', out, images: 'copy' })
process.stdout.write(`started ${id}\n`)
