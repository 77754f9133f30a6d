import { useId, useState, type CSSProperties } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { formatCount } from '../format/numbers'
import { t, tRich } from '../i18n/t'

const MAX_SUGGESTIONS = 8

type Option = { kind: 'existing'; label: Label } | { kind: 'new'; name: string }

interface Props {
  labels: readonly Label[]
  onPick(name: string): void
}

/** Type a label name: existing labels are suggested (prefix matches first), and a new name can be created. */
export function LabelPicker({ labels, onPick }: Props) {
  const [text, setText] = useState('')
  const [highlighted, setHighlighted] = useState(0)
  const listId = useId()
  const options = optionsFor(labels, text)
  const active = Math.min(highlighted, options.length - 1)

  const pick = (option: Option | undefined) => {
    const name = option ? (option.kind === 'new' ? option.name : option.label.name) : text.trim()
    if (name) onPick(name)
  }

  return (
    <div className="label-picker" data-testid="label-picker">
      <input
        className="text-input"
        autoFocus
        placeholder={t('ui.labelPicker.placeholder')}
        value={text}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={options.length ? `${listId}-${active}` : undefined}
        data-testid="label-input"
        onChange={(event) => {
          setText(event.target.value)
          setHighlighted(0)
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            const step = event.key === 'ArrowDown' ? 1 : -1
            setHighlighted((active + step + options.length) % Math.max(1, options.length))
          } else if (event.key === 'Enter') {
            event.preventDefault()
            pick(options[active])
          }
        }}
      />
      {options.length > 0 && (
        <ul className="picker-options" role="listbox" id={listId}>
          {options.map((option, i) => (
            <li
              key={option.kind === 'new' ? '\u0000new' : option.label.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'picker-option is-active' : 'picker-option'}
              data-testid="label-option"
              onPointerEnter={() => setHighlighted(i)}
              onClick={() => pick(option)}
            >
              {option.kind === 'new' ? (
                // The message comes back as a list of parts: its one element is keyed like any list item.
                <span className="picker-new">{tRich('ui.labelPicker.create', { name: option.name, strong: (chunks) => <strong key="name">{chunks}</strong> })}</span>
              ) : (
                <>
                  <span className="label-swatch" style={{ '--label-color': option.label.color } as CSSProperties} />
                  <span className="picker-name">{option.label.name}</span>
                  <span className="picker-count">{formatCount(option.label.imageCount)}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function optionsFor(labels: readonly Label[], text: string): Option[] {
  const typed = text.trim()
  const needle = typed.toLowerCase()
  // Exact match first, then names starting with what was typed, then names merely containing it.
  const rank = (label: Label) => {
    const name = label.name.toLowerCase()
    return name === needle ? 0 : name.startsWith(needle) ? 1 : 2
  }
  const matches = labels
    .filter((label) => label.name.toLowerCase().includes(needle))
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, MAX_SUGGESTIONS)
  const options: Option[] = matches.map((label) => ({ kind: 'existing', label }))
  const exists = labels.some((label) => label.name.toLowerCase() === needle)
  if (typed && !exists) options.push({ kind: 'new', name: typed })
  return options
}
