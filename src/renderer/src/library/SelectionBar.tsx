import { useState, type ReactNode } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { learnAsGood } from '../anomaly/anomalyScreen'
import { ExportScansButton } from '../dicom-export/ExportScansButton'
import { useSelectionHasDicom } from '../dicom-export/useSelectionHasDicom'
import { screens } from '../screens/screens'
import { LabelPicker } from '../ui/LabelPicker'
import { Popover } from '../ui/Popover'
import { StatusMenu } from '../ui/StatusMenu'
import { useHotkey } from '../ui/useHotkey'
import { useCatalogActions } from './useCatalogActions'
import { t } from '../i18n/t'

interface Props {
  imageIds: ReadonlySet<number>
  selectingAll: boolean
  labels: readonly Label[]
  /** An image classifier is active: its predictions can be accepted as labels. */
  predictions: boolean
  keyboardActive: boolean
  onClear(): void
  /** Actions of the view the bar floats over, after the common ones (the search view's Open and Show in library). */
  children?: ReactNode
}

/** Floats over the grid while something is selected; L and S open the label and status pickers, P accepts predictions. */
export function SelectionBar({ imageIds, selectingAll, labels, predictions, keyboardActive, onClear, children }: Props) {
  const [open, setOpen] = useState<'label' | 'status' | null>(null)
  const actions = useCatalogActions()
  const toggle = (which: 'label' | 'status') => setOpen((current) => (current === which ? null : which))
  const hotkeysActive = keyboardActive && imageIds.size > 0 && open === null
  useHotkey('l', () => setOpen('label'), hotkeysActive)
  useHotkey('s', () => setOpen('status'), hotkeysActive)
  // With several selected, the first one chosen is the example.
  const example = imageIds.values().next().value
  const moreLikeThis = () => {
    if (example !== undefined) screens.open('search', { tab: 'similar', subject: { kind: 'image', imageId: example, fileName: '' } })
  }
  useHotkey('m', moreLikeThis, hotkeysActive)
  const acceptPredictions = () => void actions.acceptPredictions([...imageIds])
  useHotkey('p', acceptPredictions, hotkeysActive && predictions)
  const hasDicom = useSelectionHasDicom(imageIds)

  if (selectingAll) {
    return (
      <div className="selection-bar" role="status" data-testid="selection-bar">
        <span className="spinner" aria-hidden="true" />
        <span className="selection-count">{t('library.selection.selectingAll')}</span>
      </div>
    )
  }
  if (imageIds.size === 0) return null
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('library.selection.label')} data-testid="selection-bar">
      <span className="selection-count" data-testid="selection-count" data-count={imageIds.size}>
        {t('library.selection.count', { count: imageIds.size })}
      </span>
      <div className="popover-anchor">
        <button type="button" className="button" data-testid="selection-label" title={t('library.selection.labelTitle')} onClick={() => toggle('label')}>
          {t('library.selection.labelButton')}
        </button>
        {open === 'label' && (
          <Popover placement="above" onClose={() => setOpen(null)}>
            <LabelPicker
              labels={labels}
              onPick={(name) => {
                setOpen(null)
                void actions.addLabel([...imageIds], name)
              }}
            />
          </Popover>
        )}
      </div>
      <div className="popover-anchor">
        <button type="button" className="button" data-testid="selection-status" title={t('library.selection.statusTitle')} onClick={() => toggle('status')}>
          {t('library.selection.statusButton')}
          <span className="glyph glyph-caret" aria-hidden="true" />
        </button>
        {open === 'status' && (
          <Popover placement="above" onClose={() => setOpen(null)}>
            <StatusMenu
              onPick={(status) => {
                setOpen(null)
                void actions.setStatus([...imageIds], status)
              }}
            />
          </Popover>
        )}
      </div>
      <button
        type="button"
        className="button"
        data-testid="selection-more-like-this"
        title={imageIds.size > 1 ? t('library.selection.moreLikeFirstTitle') : t('library.selection.moreLikeThisTitle')}
        onClick={moreLikeThis}
      >
        {t('library.selection.moreLikeThis')}
      </button>
      {predictions && (
        <button
          type="button"
          className="button"
          data-testid="selection-accept-predictions"
          title={t('library.selection.acceptPredictionsTitle')}
          onClick={acceptPredictions}
        >
          {t('library.selection.acceptPredictions')}
        </button>
      )}
      <button type="button" className="button" data-testid="selection-learn-good" title={t('library.selection.learnGoodTitle')} onClick={() => learnAsGood([...imageIds])}>
        {t('library.selection.learnGood')}
      </button>
      {hasDicom && <ExportScansButton imageIds={imageIds} />}
      {children}
      <button type="button" className="icon-button" aria-label={t('library.selection.clear')} title={t('library.selection.clear')} data-testid="selection-clear" onClick={onClear}>
        ×
      </button>
    </div>
  )
}
