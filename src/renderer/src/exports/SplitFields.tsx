import { HintedCheckbox } from '../ui/HintedCheckbox'
import type { SplitForm } from './exportForm'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

interface Props {
  /** The split as typed; null when the export is not split. */
  split: SplitForm | null
  /** The format has no place for a split (folder per class): the box is off and says why. */
  unavailable: boolean
  onToggle(on: boolean): void
  onChange(split: SplitForm): void
}

const SHARES = [
  { part: 'train', name: 'exportDialog.split.train' },
  { part: 'val', name: 'exportDialog.split.val' },
  { part: 'test', name: 'exportDialog.split.test' },
] as const satisfies readonly { part: string; name: MessageKey }[]

/** Whether to share the images out into train, val and test, in which percentages, and with which seed. */
export function SplitFields({ split, unavailable, onToggle, onChange }: Props) {
  return (
    <div className="field-group">
      <HintedCheckbox
        checked={split !== null && !unavailable}
        label={t('exportDialog.split.label')}
        hint={
          unavailable
            ? t('exportDialog.split.unavailable')
            : t('exportDialog.split.hint')
        }
        testId="export-split"
        onChange={(on) => !unavailable && onToggle(on)}
      />
      {split && !unavailable && (
        <div className="export-split-fields">
          {SHARES.map(({ part, name }) => (
            <label key={part} className="export-split-share">
              {t(name)}
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
            {t('exportDialog.split.seed')}
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
