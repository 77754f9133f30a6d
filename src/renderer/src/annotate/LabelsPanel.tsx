import { useState, type CSSProperties, type ReactNode } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { formatCount } from '../format/numbers'
import { Popover } from '../ui/Popover'
import { ConfirmDialog } from './ConfirmDialog'
import { LABEL_SWATCHES } from './labelSwatches'
import { useCollapsedList } from './useCollapsedList'
import { t } from '../i18n/t'

export type LabelChange =
  | { kind: 'created'; name: string }
  | { kind: 'updated' }
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'merged'; from: string; to: string }
  | { kind: 'deleted'; name: string }

interface Props {
  labels: readonly Label[]
  /** Boxes of each label on the image being labelled. */
  boxesHere: ReadonlyMap<string, number>
  currentLabel: string | null
  hidden: ReadonlySet<string>
  onUse(name: string): void
  onToggleHidden(name: string): void
  onChanged(change: LabelChange): void
  /** Whether a confirmation is open, so the workspace's shortcuts stand aside. */
  onDialog(open: boolean): void
}

const HOTKEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9']

type Pending = { kind: 'merge'; source: Label; target: Label } | { kind: 'delete'; label: Label }

/**
 * The labels: pick one (click or its hotkey) for the selected box and the next one drawn, show or hide its boxes,
 * and manage it — create, rename, recolour, hotkey, merge, delete. Merging and deleting say what they will change
 * and ask first.
 */
export function LabelsPanel({ labels, boxesHere, currentLabel, hidden, onUse, onToggleHidden, onChanged, onDialog }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [newName, setNewName] = useState('')
  const [renaming, setRenaming] = useState<number | null>(null)
  const [menu, setMenu] = useState<{ id: number; kind: 'actions' | 'merge' | 'color' } | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)

  const ask = (next: Pending | null) => {
    setPending(next)
    onDialog(next !== null)
    setMenu(null)
  }

  const run = async (work: () => Promise<unknown>, change: LabelChange) => {
    try {
      await work()
      onChanged(change)
    } catch (error) {
      reportError(error)
    }
  }

  const create = () => {
    const name = newName.trim()
    if (!name) return
    // A new label takes the first free hotkey, so it can be used from the keyboard straight away.
    const taken = new Set(labels.map((label) => label.hotkey))
    const hotkey = HOTKEYS.find((key) => !taken.has(key)) ?? null
    setNewName('')
    void run(() => client.api.labels.create({ name, hotkey }), { kind: 'created', name })
  }

  const rename = (label: Label, name: string) => {
    setRenaming(null)
    const trimmed = name.trim()
    if (!trimmed || trimmed === label.name) return
    void run(() => client.api.labels.update({ id: label.id, name: trimmed }), { kind: 'renamed', from: label.name, to: trimmed })
  }

  const { shown, toggle } = useCollapsedList(labels, (label) => label.name === currentLabel || hidden.has(label.name), 'labels-show-all')
  const holderOf = new Map(labels.flatMap((label) => (label.hotkey ? [[label.hotkey, label.name] as const] : [])))

  return (
    <section className="panel-section labels-section" data-testid="labels-panel">
      <header className="panel-heading">
        <h2>{t('annotate.labels.title')}</h2>
        <span className="panel-count">{labels.length}</span>
      </header>
      <form
        className="label-create"
        onSubmit={(event) => {
          event.preventDefault()
          create()
        }}
      >
        <input
          className="text-input"
          placeholder={t('annotate.labels.newName')}
          value={newName}
          maxLength={200}
          aria-label={t('annotate.labels.newName')}
          data-testid="label-new-name"
          onChange={(event) => setNewName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setNewName('')
              event.currentTarget.blur()
            }
          }}
        />
        <button type="submit" className="button" disabled={!newName.trim()} data-testid="label-create">
          {t('annotate.labels.add')}
        </button>
      </form>
      {labels.length === 0 ? (
        <p className="panel-hint">{t('annotate.labels.empty')}</p>
      ) : (
        <ul className="label-list">
          {shown.map((label) => {
            const here = boxesHere.get(label.name) ?? 0
            const isHidden = hidden.has(label.name)
            const isCurrent = label.name === currentLabel
            const opened = menu?.id === label.id ? menu.kind : null
            return (
              <li
                key={label.id}
                className={`label-row${isCurrent ? ' is-current' : ''}${isHidden ? ' is-hidden' : ''}`}
                style={{ '--label-color': label.color } as CSSProperties}
                data-testid="label-item"
                data-label={label.name}
                data-hotkey={label.hotkey ?? ''}
                data-color={label.color}
                data-box-count={label.boxCount}
                data-image-count={label.imageCount}
                data-here={here}
                data-current={isCurrent}
                data-hidden={isHidden}
              >
                <MenuAnchor
                  className="label-row-swatch"
                  label={t('annotate.labels.colourOf', { name: label.name })}
                  title={t('annotate.labels.changeColour')}
                  testId="label-color"
                  onClick={() => setMenu(opened === 'color' ? null : { id: label.id, kind: 'color' })}
                >
                  {opened === 'color' && (
                    <Popover placement="below" onClose={() => setMenu(null)}>
                      <div className="swatch-grid" data-testid="color-menu">
                        {LABEL_SWATCHES.map((color) => (
                          <button
                            key={color}
                            type="button"
                            className="swatch-option"
                            style={{ '--label-color': color } as CSSProperties}
                            aria-label={color}
                            aria-pressed={color.toLowerCase() === label.color.toLowerCase()}
                            data-testid="color-option"
                            data-color={color}
                            onClick={() => {
                              setMenu(null)
                              void run(() => client.api.labels.update({ id: label.id, color }), { kind: 'updated' })
                            }}
                          />
                        ))}
                      </div>
                    </Popover>
                  )}
                </MenuAnchor>
                {renaming === label.id ? (
                  <input
                    className="text-input label-rename-input"
                    defaultValue={label.name}
                    autoFocus
                    maxLength={200}
                    aria-label={t('annotate.labels.renameInput', { name: label.name })}
                    data-testid="label-rename-input"
                    onFocus={(event) => event.currentTarget.select()}
                    onBlur={(event) => rename(label, event.currentTarget.value)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') rename(label, event.currentTarget.value)
                      if (event.key === 'Escape') {
                        event.stopPropagation()
                        setRenaming(null)
                      }
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    className="label-name"
                    title={label.hotkey ? t('annotate.labels.useWithKey', { name: label.name, hotkey: label.hotkey }) : t('annotate.labels.use', { name: label.name })}
                    data-testid="label-name"
                    onClick={() => onUse(label.name)}
                  >
                    {label.name}
                  </button>
                )}
                <span
                  className="label-counts"
                  title={t('annotate.labels.counts', { here, boxes: label.boxCount, images: label.imageCount })}
                >
                  <span className="label-here">{formatCount(here)}</span>
                  <span className="label-total">/ {formatCount(label.boxCount)}</span>
                </span>
                <select
                  className="label-hotkey"
                  value={label.hotkey ?? ''}
                  aria-label={t('annotate.labels.hotkeyFor', { name: label.name })}
                  data-testid="label-hotkey"
                  onChange={(event) => {
                    const hotkey = event.target.value || null
                    event.target.blur()
                    void run(() => client.api.labels.update({ id: label.id, hotkey }), { kind: 'updated' })
                  }}
                >
                  <option value="">–</option>
                  {HOTKEYS.map((key) => {
                    const holder = holderOf.get(key)
                    return (
                      <option key={key} value={key}>
                        {holder && holder !== label.name ? `${key} (${holder})` : key}
                      </option>
                    )
                  })}
                </select>
                <button
                  type="button"
                  className="icon-button label-eye"
                  aria-label={isHidden ? t('annotate.labels.showBoxesOf', { name: label.name }) : t('annotate.labels.hideBoxesOf', { name: label.name })}
                  aria-pressed={!isHidden}
                  title={isHidden ? t('annotate.labels.showBoxes') : t('annotate.labels.hideBoxes')}
                  data-testid="label-visibility"
                  onClick={() => onToggleHidden(label.name)}
                >
                  <span className={`glyph ${isHidden ? 'glyph-eye-off' : 'glyph-eye'}`} aria-hidden="true" />
                </button>
                <MenuAnchor
                  className="icon-button"
                  label={t('annotate.labels.moreFor', { name: label.name })}
                  title={t('annotate.labels.moreTitle')}
                  testId="label-menu"
                  glyph="glyph-more"
                  onClick={() => setMenu(opened === 'actions' || opened === 'merge' ? null : { id: label.id, kind: 'actions' })}
                >
                  {opened === 'actions' && (
                    <Popover placement="below" onClose={() => setMenu(null)}>
                      <ul className="menu-list" role="menu">
                        <li role="none">
                          <button type="button" role="menuitem" className="menu-item" autoFocus data-testid="label-rename" onClick={() => {
                            setMenu(null)
                            setRenaming(label.id)
                          }}>
                            {t('annotate.labels.rename')}
                          </button>
                        </li>
                        <li role="none">
                          <button
                            type="button"
                            role="menuitem"
                            className="menu-item"
                            disabled={labels.length < 2}
                            data-testid="label-merge"
                            onClick={() => setMenu({ id: label.id, kind: 'merge' })}
                          >
                            {t('annotate.labels.mergeInto')}
                          </button>
                        </li>
                        <li role="none">
                          <button type="button" role="menuitem" className="menu-item menu-danger" data-testid="label-delete" onClick={() => ask({ kind: 'delete', label })}>
                            {t('annotate.labels.delete')}
                          </button>
                        </li>
                      </ul>
                    </Popover>
                  )}
                  {opened === 'merge' && (
                    <Popover placement="below" onClose={() => setMenu(null)}>
                      <p className="menu-caption">{t('annotate.labels.mergeCaption', { name: label.name })}</p>
                      <ul className="menu-list" role="menu">
                        {labels
                          .filter((other) => other.id !== label.id)
                          .map((other, i) => (
                            <li key={other.id} role="none">
                              <button
                                type="button"
                                role="menuitem"
                                className="menu-item"
                                autoFocus={i === 0}
                                data-testid="merge-target"
                                data-label={other.name}
                                onClick={() => ask({ kind: 'merge', source: label, target: other })}
                              >
                                <span className="label-swatch" style={{ '--label-color': other.color } as CSSProperties} />
                                {other.name}
                              </button>
                            </li>
                          ))}
                      </ul>
                    </Popover>
                  )}
                </MenuAnchor>
              </li>
            )
          })}
        </ul>
      )}
      {toggle}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title={t('annotate.labels.deleteQuestion', { name: pending.label.name })}
          confirmLabel={t('annotate.labels.deleteConfirm')}
          onCancel={() => ask(null)}
          onConfirm={() => {
            const { label } = pending
            ask(null)
            void run(() => client.api.labels.remove({ id: label.id }), { kind: 'deleted', name: label.name })
          }}
        >
          <p>{describeUse(pending.label)}</p>
          <p>
            {pending.label.boxCount > 0
              ? t('annotate.labels.deleteWithBoxes', { count: pending.label.boxCount })
              : t('annotate.labels.deleteWithoutBoxes')}
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'merge' && (
        <ConfirmDialog
          title={t('annotate.labels.mergeQuestion', { source: pending.source.name, target: pending.target.name })}
          confirmLabel={t('annotate.labels.mergeConfirm')}
          onCancel={() => ask(null)}
          onConfirm={() => {
            const { source, target } = pending
            ask(null)
            void run(() => client.api.labels.merge({ sourceId: source.id, targetId: target.id }), {
              kind: 'merged',
              from: source.name,
              to: target.name,
            })
          }}
        >
          <p>{describeUse(pending.source)}</p>
          <p>{t('annotate.labels.mergeEffect', { source: pending.source.name, target: pending.target.name, count: pending.target.boxCount })}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

interface MenuAnchorProps {
  className: string
  /** The button's accessible name. */
  label: string
  title: string
  testId: string
  /** The icon drawn on the button, if any. */
  glyph?: string
  onClick(): void
  /** The menus the button opens, placed against it. */
  children: ReactNode
}

/** A row's button that opens a menu below it. */
function MenuAnchor({ className, label, title, testId, glyph, onClick, children }: MenuAnchorProps) {
  return (
    <div className="popover-anchor">
      <button type="button" className={className} aria-label={label} title={title} data-testid={testId} onClick={onClick}>
        {glyph && <span className={`glyph ${glyph}`} aria-hidden="true" />}
      </button>
      {children}
    </div>
  )
}

function describeUse(label: Label): string {
  if (label.imageCount === 0) return t('annotate.labels.unused', { name: label.name })
  return t('annotate.labels.usedOn', { name: label.name, images: label.imageCount, boxes: label.boxCount })
}
