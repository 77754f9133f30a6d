import { useCallback, useMemo } from 'react'
import type { Label } from '../../../shared/api/schemas'
import type { LabelChange } from './LabelsPanel'
import { useStoredState } from './useStoredState'

export interface LabelChoice {
  /** The label the next box gets (and a hotkey gives the selected one); null for none, or one deleted since. */
  current: Label | null
  setCurrent(name: string | null): void
  /** Labels whose boxes are not drawn. */
  hidden: ReadonlySet<string>
  toggleHidden(name: string): void
  /** Keeps both in step with a label created, renamed, merged or deleted. */
  follow(change: LabelChange): void
}

/** The person's choice of label and of hidden labels, kept across images and sessions. */
export function useLabelChoice(labels: readonly Label[]): LabelChoice {
  // The stored keys keep the names they were first saved under, so choices made before the rename are not lost.
  const [currentName, setCurrent] = useStoredState<string | null>('loupe.annotate.class', null)
  const [hiddenList, setHiddenList] = useStoredState<string[]>('loupe.annotate.hidden', [])
  const hidden = useMemo(() => new Set(hiddenList), [hiddenList])
  // Only a label that exists: one remembered from an earlier session may have been deleted since.
  const current = labels.find((label) => label.name === currentName) ?? null

  const toggleHidden = useCallback(
    (name: string) => setHiddenList((list) => (list.includes(name) ? list.filter((entry) => entry !== name) : [...list, name])),
    [setHiddenList],
  )

  const follow = useCallback(
    (change: LabelChange) => {
      if (change.kind === 'created') {
        // The first label made is the one to draw with.
        if (currentName === null) setCurrent(change.name)
        return
      }
      if (change.kind === 'updated') return
      const gone = change.kind === 'deleted' ? change.name : change.from
      if (currentName === gone) setCurrent(change.kind === 'deleted' ? null : change.to)
      setHiddenList((list) => list.filter((name) => name !== gone))
    },
    [currentName, setCurrent, setHiddenList],
  )

  return { current, setCurrent, hidden, toggleHidden, follow }
}
