import type { Label } from '../../../shared/api/schemas'
import { LabelPicker } from '../ui/LabelPicker'
import { Popover } from '../ui/Popover'

interface Props {
  labels: readonly Label[]
  placement: 'above' | 'below'
  onPick(name: string): void
  onClose(): void
}

/**
 * Chooses a box's class by typing part of its name, for the classes that have no hotkey (all but nine, after a COCO
 * import). Arrows and Enter choose, Esc or a click elsewhere closes; a name not yet known becomes a new label.
 */
export function ClassPicker({ labels, placement, onPick, onClose }: Props) {
  return (
    <Popover placement={placement} onClose={onClose}>
      {/* Clicks in the picker are its own, not clicks on the box row or toolbar it opened from. */}
      <div className="class-picker" data-testid="class-picker" onClick={(event) => event.stopPropagation()}>
        <LabelPicker
          labels={labels}
          onPick={(name) => {
            onClose()
            onPick(name)
          }}
        />
      </div>
    </Popover>
  )
}
