import type { Label } from '../../../shared/api/schemas'
import { useStoredState } from './useStoredState'

/** The class a new defect box gets when no "defect" label exists yet and none was used: accepting creates it. */
export const DEFECT_LABEL = 'defect'

/**
 * The class anomaly regions are accepted as: the one the person picked (kept across sessions) while it exists, else
 * a label named "defect", else the label last drawn with, else "defect" (made on the first accept).
 */
export function useDefectClass(labels: readonly Label[], lastUsed: Label | null): [string, (name: string) => void] {
  const [picked, setPicked] = useStoredState<string | null>('loupe.annotate.defectClass', null)
  const exists = (name: string | null) => name !== null && labels.some((label) => label.name === name)
  const chosen = exists(picked) ? picked! : exists(DEFECT_LABEL) ? DEFECT_LABEL : (lastUsed?.name ?? DEFECT_LABEL)
  return [chosen, setPicked]
}
