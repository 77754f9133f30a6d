import { HintedCheckbox } from '../ui/HintedCheckbox'
import type { SplitForm } from './exportForm'

interface Props {
  /** The split as typed; null when the export is not split. */
  split: SplitForm | null
  /** The format has no place for a split (folder per class): the box is off and says why. */
  unavailable: boolean
  onToggle(on: boolean): void
  onChange(split: SplitForm): void
}

const SHARES = [
  { part: 'train', name: 'Train' },
  { part: 'val', name: 'Val' },
  { part: 'test', name: 'Test' },
] as const

/** Whether to share the images out into train, val and test, in which percentages, and with which seed. */
export function SplitFields({ split, unavailable, onToggle, onChange }: Props) {
  return (
    <div className="field-group">
      <HintedCheckbox
        checked={split !== null && !unavailable}
        label="Split into train, val and test"
        hint={
          unavailable
            ? 'Folder per class is not split; choose COCO, YOLO or Pascal VOC to split.'
            : 'Each class is shared out on its own, so every part gets its share of every class; the same seed gives the same split.'
        }
        testId="export-split"
        onChange={(on) => !unavailable && onToggle(on)}
      />
      {split && !unavailable && (
        <div className="export-split-fields">
          {SHARES.map(({ part, name }) => (
            <label key={part} className="export-split-share">
              {name}
              <input
                className="text-input"
                type="number"
                min={0}
                max={100}
                value={split[part]}
                data-testid={`export-split-${part}`}
                onChange={(event) => onChange({ ...split, [part]: event.target.value })}
              />
              %
            </label>
          ))}
          <label className="export-split-share">
            Seed
            <input
              className="text-input"
              type="number"
              min={0}
              value={split.seed}
              data-testid="export-split-seed"
              onChange={(event) => onChange({ ...split, seed: event.target.value })}
            />
          </label>
        </div>
      )}
    </div>
  )
}
