import WebSocket from 'ws'
import { createClient, type LoupeClient } from '../../src/shared/api/client'
import type { LoupeApi } from '../../src/shared/api/contract'
import type { Envelope } from '../../src/shared/api/errors'
import type { JobSummary } from '../../src/shared/api/schemas'
import type { WsServerFrame } from '../../src/shared/api/wire'

const JOB_POLL_MS = 250

export interface HostApi {
  api: LoupeApi
  /** Waits for a job to stop and returns it; a job that did not complete fails the test with its error. */
  completed(jobId: number): Promise<JobSummary>
  close(): void
}

/**
 * The test's own connection to the host it drives the UI of, with the same token the page was given: for setting up
 * data (imports, indexing, training) faster than through the UI, and for checking what the services hold.
 */
export async function connectApi(hostUrl: string): Promise<HostApi> {
  const url = new URL(hostUrl)
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? ''
  const socket = new WebSocket(`ws://${url.host}/api?token=${encodeURIComponent(token)}`)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const pending = new Map<number, (envelope: Envelope) => void>()
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as WsServerFrame
    if (frame.type === 'reply') pending.get(frame.id)?.(frame.envelope)
  })
  let next = 0
  const client: LoupeClient = createClient({
    invoke: (channel, payload) =>
      new Promise((resolve) => {
        const id = ++next
        pending.set(id, resolve)
        socket.send(JSON.stringify({ type: 'call', id, channel, payload }))
      }),
    subscribe: () => () => {},
    mediaUrl: () => '',
    pathForFile: () => null,
  })

  return {
    api: client.api,
    async completed(jobId) {
      for (;;) {
        const job = (await client.api.jobs.list({})).find((candidate) => candidate.id === jobId)
        if (job && !['queued', 'running'].includes(job.state)) {
          if (job.state !== 'completed') throw new Error(`Job ${jobId} (${job.kind}) ended ${job.state}: ${job.error ?? ''}`)
          return job
        }
        await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS))
      }
    },
    close: () => socket.close(),
  }
}
