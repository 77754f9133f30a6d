import { useState } from 'react'
import type { ImageDetail, Label } from '../../../shared/api/schemas'
import { useCatalogActions } from '../library/useCatalogActions'
import { LabelPicker } from '../ui/LabelPicker'
import { Popover } from '../ui/Popover'
import { StatusMenu } from '../ui/StatusMenu'
import { useHotkey } from '../ui/useHotkey'

/** Label or review the image being viewed without going back to the grid; L and S work here too. */
export function ImageActions({ detail, labels }: { detail: ImageDetail; labels: readonly Label[] }) {
  const [open, setOpen] = useState<'label' | 'status' | null>(null)
  const actions = useCatalogActions()
  useHotkey('l', () => setOpen('label'), open === null)
  useHotkey('s', () => setOpen('status'), open === null)

  return (
    <div className="image-actions">
      <div className="popover-anchor">
        <button type="button" className="button" data-testid="viewer-label" title="Add a label (L)" onClick={() => setOpen(open === 'label' ? null : 'label')}>
          Add label…
        </button>
        {open === 'label' && (
          <Popover placement="below" onClose={() => setOpen(null)}>
            <LabelPicker
              labels={labels}
              onPick={(name) => {
                setOpen(null)
                void actions.addLabel([detail.id], name)
              }}
            />
          </Popover>
        )}
      </div>
      <div className="popover-anchor">
        <button type="button" className="button" data-testid="viewer-status" title="Set review status (S)" onClick={() => setOpen(open === 'status' ? null : 'status')}>
          Status
          <span className="glyph glyph-caret" aria-hidden="true" />
        </button>
        {open === 'status' && (
          <Popover placement="below" onClose={() => setOpen(null)}>
            <StatusMenu
              current={detail.status}
              onPick={(status) => {
                setOpen(null)
                void actions.setStatus([detail.id], status)
              }}
            />
          </Popover>
        )}
      </div>
    </div>
  )
}
