import { DetectionWorker } from '../../engines/detection/worker-client'
import { KeptWorker } from '../../platform/workers'

/**
 * The workspace's detection worker (training heads, running them), kept between calls so that a suggestion on one
 * image costs a pass, not a worker start.
 */
export class DetectorWorker extends KeptWorker<DetectionWorker> {
  constructor() {
    super(() => DetectionWorker.start())
  }
}
