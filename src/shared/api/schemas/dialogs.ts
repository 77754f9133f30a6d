import { z } from 'zod'

export const PickedPaths = z.object({
  /** False where this transport has no native dialog (the browser host): the UI then offers its own folder browser. */
  supported: z.boolean(),
  paths: z.array(z.string()),
})
export type PickedPaths = z.infer<typeof PickedPaths>
