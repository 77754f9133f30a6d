import { z } from 'zod'

export const WorkspaceInfo = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
})
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>
