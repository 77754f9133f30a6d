import { useCallback, useState, type SetStateAction } from 'react'

/**
 * State that outlives the session: kept in localStorage under `key` (the label last used, hidden labels), so
 * a person picks up where they left off after a reload. Unreadable stored values fall back to `initial`.
 */
export function useStoredState<T>(key: string, initial: T): [T, (next: SetStateAction<T>) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(key)
      return stored === null ? initial : (JSON.parse(stored) as T)
    } catch {
      return initial
    }
  })
  const update = useCallback(
    (next: SetStateAction<T>) => {
      setValue((current) => {
        const resolved = typeof next === 'function' ? (next as (current: T) => T)(current) : next
        try {
          localStorage.setItem(key, JSON.stringify(resolved))
        } catch {
          // Storage full or unavailable: the preference just does not survive a reload.
        }
        return resolved
      })
    },
    [key],
  )
  return [value, update]
}
