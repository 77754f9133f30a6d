import { useEffect, useState } from 'react'
import type { AnnotationFormat, ImageFilter } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { NewFolderPicker } from '../folders/NewFolderPicker'
import { Dialog } from '../ui/Dialog'
import { RadioChoices } from '../ui/RadioChoices'
import {
  canSplit,
  DEFAULT_SPLIT,
  defaultFolderName,
  EXPORT_FORMATS,
  IMAGE_OPTIONS,
  needsImages,
  planExport,
  scopeFilter,
  type ExportScope,
  type ImageHandling,
  type SplitForm,
} from './exportForm'
import { SplitFields } from './SplitFields'
import './exports.css'
import { t } from '../i18n/t'
import { lossText } from './lossText'

/** The library's filter as the export can take it: what it asks, in words, and how many images it shows. */
export interface LibraryFilter {
  filter: ImageFilter
  description: string
  count: number | null
}

interface Props {
  /** How many images the library holds; null while not yet known. */
  imageCount: number | null
  /** The images selected in the library (may be none). */
  selection: ReadonlySet<number>
  /** The library's filter; null when it shows every image. */
  libraryFilter: LibraryFilter | null
  onClose(): void
}

type ScopeKind = ExportScope['kind']

/**
 * Writes the annotations of the library's images (all, the selected or those the filter shows) as a dataset other
 * tools read, split into train, val and test when asked, into a new folder; the job bar follows the export.
 */
export function ExportDialog({ imageCount, selection, libraryFilter, onClose }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [format, setFormat] = useState<AnnotationFormat>('coco')
  const [folder, setFolder] = useState({ location: '', folderName: defaultFolderName('coco') })
  // The default name follows the format until the person writes their own.
  const [nameEdited, setNameEdited] = useState(false)
  const [images, setImages] = useState<ImageHandling>('none')
  // What the library shows when the dialog opens is what the person most likely means.
  const [scopeKind, setScopeKind] = useState<ScopeKind>(selection.size > 0 ? 'selected' : libraryFilter ? 'filter' : 'all')
  const [split, setSplit] = useState<SplitForm | null>(null)
  const [tried, setTried] = useState(false)
  const [starting, setStarting] = useState(false)
  const scope: ExportScope =
    scopeKind === 'selected' ? { kind: 'selected', imageIds: [...selection] } : scopeKind === 'filter' && libraryFilter ? { kind: 'filter', filter: libraryFilter.filter } : { kind: 'all' }
  const form = { format, folder, images, scope, ...(split ? { split } : {}) }
  const plan = planExport(form)
  const problem = tried && !plan.ok ? plan.problem : null
  const imagesShown: ImageHandling = needsImages(format) && images === 'none' ? 'copy' : images
  const losses = useLosses(format, scope)

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
      title={t('exportDialog.title')}
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
            {t('exportDialog.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={starting || problem !== null} data-testid="export-submit">
            {starting ? t('exportDialog.starting') : t('exportDialog.export')}
          </button>
        </>
      }
    >
      <div className="dialog-body">
        <RadioChoices
          label={t('exportDialog.scope.label')}
          variant="cards"
          choices={[
            { value: 'all', name: t('exportDialog.scope.all'), holds: imageCount === null ? t('exportDialog.scope.allHolds') : t('exportDialog.scope.allHoldsCount', { count: imageCount }) },
            {
              value: 'selected',
              name: selection.size > 0 ? t('exportDialog.scope.selectedCount', { count: selection.size }) : t('exportDialog.scope.selected'),
              holds: selection.size > 0 ? t('exportDialog.scope.selectedHolds') : t('exportDialog.scope.nothingSelected'),
            },
            {
              value: 'filter',
              name: t('exportDialog.scope.filter'),
              holds: libraryFilter
                ? libraryFilter.count === null
                  ? t('exportDialog.scope.filterHolds', { description: libraryFilter.description })
                  : t('exportDialog.scope.filterHoldsCount', { description: libraryFilter.description, count: libraryFilter.count })
                : t('exportDialog.scope.noFilter'),
            },
          ]}
          value={scopeKind}
          testId={(value) => `export-scope-${value}`}
          disabled={(value) => (value === 'selected' && selection.size === 0) || (value === 'filter' && !libraryFilter)}
          onChange={setScopeKind}
        >
          <p className="field-hint export-scope">{t('exportDialog.scope.hint')}</p>
        </RadioChoices>

        <RadioChoices
          label={t('exportDialog.format')}
          variant="cards"
          choices={EXPORT_FORMATS}
          value={format}
          testId={(value) => `export-format-${value}`}
          onChange={chooseFormat}
        >
          {losses.length > 0 && (
            <div className="export-losses">
              <p className="field-label">{t('exportDialog.losses')}</p>
              <ul className="result-list" data-testid="export-losses">
                {losses.map((loss) => (
                  <li key={loss}>{loss}</li>
                ))}
              </ul>
            </div>
          )}
        </RadioChoices>

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
          label={t('exportDialog.images.label')}
          variant="segmented"
          choices={IMAGE_OPTIONS}
          value={imagesShown}
          testId={(value) => `export-images-${value}`}
          disabled={(value) => value === 'none' && needsImages(format)}
          onChange={setImages}
        >
          <p className="field-hint">
            {needsImages(format) && images === 'none'
              ? t('exportDialog.images.folderPerClass')
              : IMAGE_OPTIONS.find((option) => option.value === imagesShown)?.hint}
          </p>
        </RadioChoices>

        <SplitFields split={split} unavailable={!canSplit(format)} onToggle={(on) => setSplit(on ? DEFAULT_SPLIT : null)} onChange={setSplit} />
      </div>
    </Dialog>
  )
}

/**
 * What the chosen format would leave behind of the chosen images (polygons written as boxes, crowd flags…), per kind
 * with counts, as the services work it out: said before the export runs, so the person can choose another format.
 */
function useLosses(format: AnnotationFormat, scope: ExportScope): string[] {
  const client = useClient()
  const { reportError } = useToasts()
  const [losses, setLosses] = useState<string[]>([])
  const filterKey = JSON.stringify(scopeFilter(scope) ?? null)
  useEffect(() => {
    let current = true
    const filter = JSON.parse(filterKey) as ImageFilter | null
    client.api.exports
      .plan({ format, ...(filter ? { filter } : {}) })
      .then((plan) => current && setLosses(plan.losses.map(lossText)))
      .catch((error: unknown) => current && reportError(error))
    return () => {
      current = false
    }
  }, [client, reportError, format, filterKey])
  return losses
}
