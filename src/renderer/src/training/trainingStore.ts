import type { ImagePageCache } from '../library/ImagePageCache'
import { createStore } from '../ui/createStore'

export type TrainingTab = 'train' | 'versions' | 'prelabel'

/** Images opened from the model view in the annotation workspace, which the app mounts over everything. */
export interface InspectedImages {
  cache: ImagePageCache
  index: number
  imageId: number
}

interface TrainingState {
  open: boolean
  tab: TrainingTab
  /** The version shown under Versions; null: the active one (or the newest). */
  versionId: number | null
  /** While set, the model view steps aside (it stays mounted, keeping its place) and the workspace shows these. */
  inspecting: InspectedImages | null
}

/**
 * The model view is mounted by the top bar, and the annotation workspace it opens images in by the app: both reach
 * the view's state through this small store, which also keeps the view's place between openings.
 */
const store = createStore<TrainingState>({ open: false, tab: 'train', versionId: null, inspecting: null })
const { update } = store

export const trainingStore = {
  current: store.current,
  open(tab: TrainingTab = store.current().tab): void {
    update({ open: true, tab })
  },
  close(): void {
    update({ open: false, inspecting: null })
  },
  setTab(tab: TrainingTab): void {
    update({ tab })
  },
  showVersion(versionId: number): void {
    update({ tab: 'versions', versionId })
  },
  inspect(images: InspectedImages): void {
    update({ inspecting: images })
  },
  inspectAt(index: number, imageId: number): void {
    const { inspecting } = store.current()
    if (inspecting) update({ inspecting: { ...inspecting, index, imageId } })
  },
  stopInspecting(): void {
    update({ inspecting: null })
  },
}

export const useTrainingState = store.use
