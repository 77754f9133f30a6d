import type { CSSProperties } from 'react'

export function LabelChip({ name, color }: { name: string; color: string | undefined }) {
  const style = color ? ({ '--label-color': color } as CSSProperties) : undefined
  return (
    <span className="label-chip" style={style} title={name} data-testid="label-chip">
      {name}
    </span>
  )
}
