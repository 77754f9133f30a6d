import { useState } from 'react'
import type { AnnotationFormat } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { NewFolderPicker } from '../folders/NewFolderPicker'
import { pluralize } from '../format/numbers'
import { Dialog } from '../ui/Dialog'
import { RadioChoices } from '../ui/RadioChoices'
import {
  defaultFolderName,
  EXPORT_FORMATS,
  IMAGE_OPTIONS,
  needsImages,
  planExport,
  type ImageHandling,
} from './exportForm'
import './exports.css'

interface Props {
  /** How many images the library holds, all of which are exported; null while not yet known. */
  imageCount: number | null
  onClose(): void
}

/** Writes the library's annotations as a dataset other tools read, into a new folder; the job bar follows the export. */
export function ExportDialog({ imageCount, onClose }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [format, setFormat] = useState<AnnotationFormat>('coco')
  const [folder, setFolder] = useState({ location: '', folderName: defaultFolderName('coco') })
  // The default name follows the format until the person writes their own.
  const [nameEdited, setNameEdited] = useState(false)
  const [images, setImages] = useState<ImageHandling>('none')
  const [tried, setTried] = useState(false)
  const [starting, setStarting] = useState(false)
  const form = { format, folder, images }
  const plan = planExport(form)
  const problem = tried && !plan.ok ? plan.problem : null
  const imagesShown: ImageHandling = needsImages(format) && images === 'none' ? 'copy' : images

  const chooseFormat = (next: AnnotationFormat) => {
    setFormat(next)
    if (!nameEdited) setFolder((current) => ({ ...current, folderName: defaultFolderName(next) }))
  }

  const start = async () => {
    if (starting) return
    setTried(true)
    if (!plan.ok) return
    setStarting(true)
    try {
      await client.api.exports.start(plan.request)
      onClose()
    } catch (error) {
      reportError(error)
      setStarting(false)
    }
  }

  return (
    <Dialog
      title="Export dataset"
      className="export-dialog"
      testId="export-dialog"
      onClose={onClose}
      onSubmit={() => void start()}
      footer={
        <>
          {problem && (
            <p className="dialog-problem" role="alert" data-testid="export-problem">
              {problem}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={starting || problem !== null} data-testid="export-submit">
            {starting ? 'Starting…' : 'Export'}
          </button>
        </>
      }
    >
      <div className="dialog-body">
        <p className="export-scope">
          {imageCount === null ? 'Exports every image in the library' : `Exports all ${pluralize(imageCount, 'image')} in the library`}{' '}
          with their boxes, tags and labels.
        </p>

        <RadioChoices
          label="Format"
          variant="cards"
          choices={EXPORT_FORMATS}
          value={format}
          testId={(value) => `export-format-${value}`}
          onChange={chooseFormat}
        />

        <NewFolderPicker
          value={folder}
          invalid={problem !== null}
          autoFocus
          intoMustBeEmpty
          testIds={{ location: 'export-location', folderName: 'export-folder-name', destination: 'export-destination' }}
          onChange={(next) => {
            if (next.folderName !== folder.folderName) setNameEdited(true)
            setFolder(next)
          }}
        />

        <RadioChoices
          label="Images"
          variant="segmented"
          choices={IMAGE_OPTIONS}
          value={imagesShown}
          testId={(value) => `export-images-${value}`}
          disabled={(value) => value === 'none' && needsImages(format)}
          onChange={setImages}
        >
          <p className="field-hint">
            {needsImages(format) && images === 'none'
              ? 'Folder per class is made of the images themselves, so they are copied (or hard-linked).'
              : IMAGE_OPTIONS.find((option) => option.value === imagesShown)?.hint}
          </p>
        </RadioChoices>
      </div>
    </Dialog>
  )
}
