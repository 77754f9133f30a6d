import { useEffect, useState } from 'react'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'
import { Dialog } from '../ui/Dialog'
import { GetModel } from './GetModel'

/**
 * On a machine with no image model yet, the app opens on "Get an image model" rather than letting search and training
 * fail later with "not installed". "Later" closes it for this session; the search and training views offer it again.
 */
export function FirstRunModelDialog() {
  const client = useClient()
  const { notify } = useToasts()
  const [open, setOpen] = useState(false)

  useEffect(() => {
    let current = true
    client.api.models.list({}).then(
      (models) => current && setOpen(models.length === 0),
      // Without an answer there is nothing to suggest; the views that need a model say what is wrong.
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client])

  if (!open) return null
  return (
    <Dialog
      title={t('models.getModel.title')}
      testId="first-run-model"
      closeLabel={t('models.getModel.later')}
      closeTestId="first-run-model-later"
      className="first-run-model"
      onClose={() => setOpen(false)}
    >
      <GetModel
        heading={false}
        onInstalled={(name) => {
          notify(t('models.getModel.installed', { name }))
          setOpen(false)
        }}
      />
    </Dialog>
  )
}
