import { useCallback, useState } from 'react'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'

export interface ImportFlow {
  /** The paths the import dialog opens with, or null while it is closed. */
  dialogPaths: readonly string[] | null
  /** The Import button: the native picker where there is one, then the dialog to confirm options. */
  begin(): Promise<void>
  closeDialog(): void
  filesDropped(files: readonly File[]): void
}

export function useImportFlow(): ImportFlow {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const [dialogPaths, setDialogPaths] = useState<readonly string[] | null>(null)

  const begin = useCallback(async () => {
    try {
      const picked = await client.api.dialogs.pickImportPaths({})
      // A native picker that was cancelled means "never mind"; no picker at all means use the in-app browser.
      if (!picked.supported || picked.paths.length > 0) setDialogPaths(picked.paths)
    } catch (error) {
      reportError(error)
    }
  }, [client, reportError])

  const filesDropped = useCallback(
    (files: readonly File[]) => {
      const paths = files.map((file) => client.pathForFile(file)).filter((path): path is string => path !== null)
      if (paths.length > 0) return setDialogPaths(paths)
      // A browser never reveals where a dropped file lives on disk, so there is nothing the host could read.
      notify(t('imports.drop.needsDesktop'), {
        label: t('imports.drop.openDialog'),
        run: () => setDialogPaths([]),
      })
    },
    [client, notify],
  )

  return { dialogPaths, begin, closeDialog: () => setDialogPaths(null), filesDropped }
}
