import { createContext, use, useSyncExternalStore, type ReactNode } from 'react'
import type { LoupeClient } from '../../../shared/api/client'
import type { ConnectionMonitor, ConnectionState } from '../transport/connection'

interface ClientValue {
  client: LoupeClient
  connection: ConnectionMonitor
}

const ClientContext = createContext<ClientValue | null>(null)

export function ClientProvider({ value, children }: { value: ClientValue; children: ReactNode }) {
  return <ClientContext value={value}>{children}</ClientContext>
}

function useClientValue(): ClientValue {
  const value = use(ClientContext)
  if (!value) throw new Error('useClient must be used inside <ClientProvider>.')
  return value
}

export function useClient(): LoupeClient {
  return useClientValue().client
}

export function useConnectionState(): ConnectionState {
  const { connection } = useClientValue()
  return useSyncExternalStore(connection.subscribe, connection.current)
}
