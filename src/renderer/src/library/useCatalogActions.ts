import { useMemo } from 'react'
import type { ReviewStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { STATUS_NAMES } from '../format/reviewStatus'
import { t } from '../i18n/t'

export interface CatalogActions {
  /** Resolve to whether the change was made; failures are already reported as a toast. */
  addLabel(imageIds: readonly number[], label: string): Promise<boolean>
  setStatus(imageIds: readonly number[], status: ReviewStatus): Promise<boolean>
  /** Tags each image with the class the active classifier predicts for it (replacing its other classes). */
  acceptPredictions(imageIds: readonly number[]): Promise<boolean>
}

export function useCatalogActions(): CatalogActions {
  const client = useClient()
  const { reportError, notify } = useToasts()
  return useMemo(
    () => ({
      async addLabel(imageIds, label) {
        try {
          const { changed } = await client.api.catalog.labelImages({ imageIds: [...imageIds], label })
          notify(t('library.actions.labelAdded', { label, count: changed }))
          return true
        } catch (error) {
          reportError(error)
          return false
        }
      },
      async setStatus(imageIds, status) {
        try {
          const { changed } = await client.api.catalog.setStatus({ imageIds: [...imageIds], status })
          notify(t('library.actions.statusSet', { count: changed, status: STATUS_NAMES[status].toLowerCase() }))
          return true
        } catch (error) {
          reportError(error)
          return false
        }
      },
      async acceptPredictions(imageIds) {
        try {
          const { changed } = await client.api.training.acceptPredictions({ imageIds: [...imageIds] })
          notify(
            changed === 0
              ? t('library.actions.predictionsAlreadyAccepted')
              : t('library.actions.predictionsAccepted', { count: changed }),
          )
          return true
        } catch (error) {
          reportError(error)
          return false
        }
      },
    }),
    [client, notify, reportError],
  )
}
