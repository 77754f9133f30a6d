import { createContext, use, useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import { addToast, toastFromError, type NewToast, type Toast } from './toastStore'
import { ToastStack } from './ToastStack'

const INFO_TOAST_MS = 4_000

interface Toasts {
  reportError(error: unknown): void
  notify(message: string, action?: NewToast['action']): void
}

const ToastContext = createContext<Toasts | null>(null)

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(1)

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), [])

  const show = useCallback(
    (toast: NewToast) => {
      const id = nextId.current++
      setToasts((all) => addToast(all, toast, id))
      // Errors stay until dismissed so they cannot be missed; confirmations get out of the way on their own.
      if (toast.kind === 'info' && !toast.action) setTimeout(() => dismiss(id), INFO_TOAST_MS)
    },
    [dismiss],
  )

  const api = useMemo<Toasts>(
    () => ({
      reportError: (error) => show(toastFromError(error)),
      notify: (message, action) => show(action ? { kind: 'info', message, action } : { kind: 'info', message }),
    }),
    [show],
  )

  return (
    <ToastContext value={api}>
      {children}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </ToastContext>
  )
}

export function useToasts(): Toasts {
  const toasts = use(ToastContext)
  if (!toasts) throw new Error('useToasts must be used inside <ToastProvider>.')
  return toasts
}
