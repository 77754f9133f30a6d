import { ApiError } from '../../../shared/api/errors'

export interface ToastAction {
  label: string
  run: () => void
}

export interface Toast {
  id: number
  kind: 'error' | 'info'
  message: string
  /** The API's error code, shown small so a bug report can quote it. */
  code?: string
  action?: ToastAction
  /** How many times the same message arrived while this toast was up. */
  repeats: number
}

export type NewToast = Omit<Toast, 'id' | 'repeats'>

export function toastFromError(error: unknown): NewToast {
  if (error instanceof ApiError) return { kind: 'error', message: error.message, code: error.code }
  if (error instanceof Error) return { kind: 'error', message: error.message }
  return { kind: 'error', message: String(error) }
}

/** Adds a toast, folding it into an identical one already showing so a burst of failures is one toast, not twenty. */
export function addToast(toasts: readonly Toast[], next: NewToast, id: number): Toast[] {
  const same = toasts.find((t) => t.kind === next.kind && t.message === next.message)
  if (same) return toasts.map((t) => (t === same ? { ...t, repeats: t.repeats + 1 } : t))
  return [...toasts, { ...next, id, repeats: 1 }]
}
