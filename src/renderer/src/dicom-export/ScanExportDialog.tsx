import { useEffect, useId, useState } from 'react'
import { createPortal } from 'react-dom'
import { ApiError } from '../../../shared/api/errors'
import type { DicomExportRequest, DicomExportResult, DicomWindow } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { newFolderProblem } from '../folders/newFolder'
import { NewFolderPicker } from '../folders/NewFolderPicker'
import { t } from '../i18n/t'
import { Dialog } from '../ui/Dialog'
import { HintedCheckbox } from '../ui/HintedCheckbox'
import { RadioChoices } from '../ui/RadioChoices'
import {
  chosenScans,
  DEIDENTIFIED_HINT,
  defaultScanFolderName,
  IDENTIFIED_HINT,
  planScanExport,
  PSEUDONYM_MAX_LENGTH,
  SCAN_FORMATS,
  type ChosenScans,
  type ScanFormat,
} from './scanExportForm'
import { ScanExportReport } from './ScanExportReport'
import './dicom-export.css'

interface Props {
  /** The images chosen; those that are not DICOM are left out, and the dialog says how many. */
  imageIds: readonly number[]
  /** What was chosen, as the dialog's first line names it: "the selection", "series CT #2". */
  scope: string
  /**
   * The reader's view of the image, for a PNG of what is on screen: its window (none for colour images) and invert;
   * the dialog then also offers to draw the measurements in.
   */
  view?: { window?: DicomWindow; invert: boolean }
  onClose(): void
}

type Scans = { state: 'loading' } | { state: 'ready'; scans: ChosenScans } | { state: 'failed'; message: string }

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Writes the chosen DICOM images to a folder as PNG or DICOM, de-identified unless asked otherwise, and then shows
 * what was written, what failed and why. Rendered into the page's body: it is opened from inside the sidebar and the
 * selection bar, whose styles and clicks are not its own.
 */
export function ScanExportDialog({ imageIds, scope, view, onClose }: Props) {
  const client = useClient()
  const id = useId()
  // The chosen images as they are when the dialog opens; later selection changes are not this export's.
  const [chosen] = useState(() => [...imageIds])
  const [scans, setScans] = useState<Scans>({ state: 'loading' })
  const [format, setFormat] = useState<ScanFormat>('png')
  const [deidentify, setDeidentify] = useState(true)
  const [burnIn, setBurnIn] = useState(false)
  const [pseudonym, setPseudonym] = useState('')
  const [folder, setFolder] = useState({ location: '', folderName: defaultScanFolderName(true) })
  // The default folder name follows the de-identification choice until the person writes their own.
  const [nameEdited, setNameEdited] = useState(false)
  const [tried, setTried] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [result, setResult] = useState<DicomExportResult | null>(null)

  useEffect(() => {
    let current = true
    client.api.dicom.series({ imageIds: chosen }).then(
      (patients) => current && setScans({ state: 'ready', scans: chosenScans(patients) }),
      (error: unknown) => current && setScans({ state: 'failed', message: messageOf(error) }),
    )
    return () => {
      current = false
    }
  }, [client, chosen])

  const ready = scans.state === 'ready' ? scans.scans : null
  const plan = planScanExport({ format, deidentify, pseudonym, folder }, ready?.imageIds ?? [])
  const problem = failure ?? (tried && !plan.ok ? plan.problem : null)

  // A PNG of the reader's view is rendered as it is on screen.
  const asViewed = (request: DicomExportRequest): DicomExportRequest =>
    view && request.format === 'png'
      ? { ...request, ...(view.window ? { window: view.window } : {}), invert: view.invert, burnInMeasurements: burnIn }
      : request

  const chooseDeidentify = (next: boolean) => {
    setDeidentify(next)
    if (!nameEdited) setFolder((current) => ({ ...current, folderName: defaultScanFolderName(next) }))
  }

  const start = async () => {
    if (exporting || !ready) return
    setTried(true)
    setFailure(null)
    if (!plan.ok) return
    setExporting(true)
    try {
      setResult(await client.api.dicom.exportImages(asViewed(plan.request)))
    } catch (error) {
      // A destination the services refuse (a folder already holding files, a path through a file) is the person's to
      // fix, so its sentence stands alone; anything else failed on the way.
      const refused = error instanceof ApiError && (error.code === 'conflict' || error.code === 'bad_request')
      setFailure(refused ? error.message : t('dicomExport.dialog.failed', { error: messageOf(error) }))
    } finally {
      setExporting(false)
    }
  }

  return createPortal(
    <Dialog
      title={t('dicomExport.dialog.title')}
      className="scan-export-dialog"
      testId="scan-export-dialog"
      busy={exporting}
      onClose={onClose}
      // An export under way can't be stopped: the dialog stays until it can say how it went.
      closeDisabled={exporting}
      onSubmit={() => {
        if (result) onClose()
        else void start()
      }}
      footer={
        <>
          {exporting && (
            <p className="scan-export-busy" role="status" data-testid="scan-export-busy">
              <span className="spinner" aria-hidden="true" />
              {t('dicomExport.dialog.exporting', { count: plan.ok ? plan.request.imageIds.length : 0 })}
            </p>
          )}
          {problem && !exporting && (
            <p className="dialog-problem" role="alert" data-testid="scan-export-problem">
              {problem}
            </p>
          )}
          {result ? (
            <button type="submit" className="button button-primary" autoFocus data-testid="scan-export-done">
              {t('dicomExport.dialog.done')}
            </button>
          ) : (
            <>
              <button type="button" className="button" disabled={exporting} onClick={onClose}>
                {t('dicomExport.dialog.cancel')}
              </button>
              <button
                type="submit"
                className="button button-primary"
                disabled={exporting || !ready || ready.imageIds.length === 0}
                data-testid="scan-export-submit"
              >
                {t('dicomExport.dialog.submit')}
              </button>
            </>
          )}
        </>
      }
    >
      {result ? (
        <ScanExportReport result={result} names={ready?.names ?? new Map()} />
      ) : (
        <fieldset className="dialog-body scan-export-form" disabled={exporting}>
          <ScopeLine scans={scans} chosen={chosen.length} scope={scope} />

          <RadioChoices
            label={t('dicomExport.dialog.format')}
            variant="segmented"
            choices={SCAN_FORMATS}
            value={format}
            testId={(value) => `scan-export-format-${value}`}
            onChange={setFormat}
          >
            <p className="field-hint">{SCAN_FORMATS.find((option) => option.value === format)?.holds}</p>
          </RadioChoices>

          {view && format === 'png' && (
            <HintedCheckbox
              checked={burnIn}
              label={t('dicomExport.dialog.burnIn')}
              hint={t('dicomExport.dialog.burnInHint')}
              testId="scan-export-burn-in"
              onChange={setBurnIn}
            />
          )}

          <HintedCheckbox
            className="scan-export-deidentify"
            checked={deidentify}
            label={t('dicomExport.dialog.deidentify')}
            hint={deidentify ? DEIDENTIFIED_HINT : IDENTIFIED_HINT}
            testId="scan-export-deidentify"
            onChange={chooseDeidentify}
          />

          <div className={deidentify ? 'scan-export-pseudonym' : 'scan-export-pseudonym is-off'}>
            <label className="field-label" htmlFor={`${id}-pseudonym`}>
              {t('dicomExport.dialog.pseudonym')} <span className="optional">{t('dicomExport.dialog.optional')}</span>
            </label>
            <input
              id={`${id}-pseudonym`}
              className="text-input"
              placeholder={t('dicomExport.dialog.pseudonymPlaceholder')}
              maxLength={PSEUDONYM_MAX_LENGTH}
              disabled={!deidentify}
              value={pseudonym}
              data-testid="scan-export-pseudonym"
              onChange={(event) => setPseudonym(event.target.value)}
            />
            <p className="field-hint">{t('dicomExport.dialog.pseudonymHint')}</p>
          </div>

          <NewFolderPicker
            value={folder}
            invalid={tried && newFolderProblem(folder) !== null}
            testIds={{ location: 'scan-export-location', folderName: 'scan-export-folder-name', destination: 'scan-export-destination' }}
            onChange={(next) => {
              if (next.folderName !== folder.folderName) setNameEdited(true)
              setFolder(next)
              setFailure(null)
            }}
          />
        </fieldset>
      )}
    </Dialog>,
    document.body,
  )
}

function ScopeLine({ scans, chosen, scope }: { scans: Scans; chosen: number; scope: string }) {
  if (scans.state === 'loading') {
    return (
      <p className="scan-export-scope" data-testid="scan-export-scope" data-state="loading">
        {t('dicomExport.scope.loading', { scope })}
      </p>
    )
  }
  if (scans.state === 'failed') {
    return (
      <p className="scan-export-scope is-error" role="alert" data-testid="scan-export-scope" data-state="failed">
        {t('dicomExport.scope.failed', { scope, error: scans.message })}
      </p>
    )
  }
  const { imageIds, patients, series } = scans.scans
  if (imageIds.length === 0) {
    return (
      <p className="scan-export-scope is-error" data-testid="scan-export-scope" data-state="empty" data-count={0}>
        {t('dicomExport.scope.none', { chosen, scope })}
      </p>
    )
  }
  const left = chosen - imageIds.length
  return (
    <p className="scan-export-scope" data-testid="scan-export-scope" data-state="ready" data-count={imageIds.length}>
      {left > 0
        ? t('dicomExport.scope.some', { dicom: imageIds.length, chosen, scope, series, patients, left })
        : t('dicomExport.scope.all', { dicom: imageIds.length, scope, series, patients })}
    </p>
  )
}
