import type { LoupeHandlers } from '../../../shared/api/contract'

/** What only a desktop shell can do; the browser host leaves these out and the UI offers its own way instead. */
export interface ShellCapabilities {
  pickImportPaths?: () => Promise<string[]>
}

export function dialogHandlers(shell: ShellCapabilities): LoupeHandlers['dialogs'] {
  return {
    pickImportPaths: async () =>
      shell.pickImportPaths ? { supported: true, paths: await shell.pickImportPaths() } : { supported: false, paths: [] },
  }
}
