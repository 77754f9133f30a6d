import { TrainingWorker } from '../../engines/learning/worker-client'
import { KeptWorker } from '../../platform/workers'

/**
 * The workspace's training worker (training, classifier predictions, checking imported models), kept between calls.
 * The object detector has a worker of its own (DetectorWorker).
 */
export class ClassifierWorker extends KeptWorker<TrainingWorker> {
  constructor() {
    super(() => TrainingWorker.start())
  }
}
