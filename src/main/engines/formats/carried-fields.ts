import type { Box } from './model'

/** The model's fields that a box's stored `extra` holds, beside its source's unknown keys, under the source's names. */
const TYPED_KEYS = ['area', 'difficult', 'truncated', 'pose'] as const

/**
 * Everything a box carries from its source that Loupe does not use, as one object to store: COCO's area, VOC's
 * difficult, truncated and pose, and the source's unknown keys; undefined when there is nothing.
 */
export function carriedFields(box: Box): Record<string, unknown> | undefined {
  const carried: Record<string, unknown> = { ...box.extra }
  for (const key of TYPED_KEYS) if (box[key] !== undefined) carried[key] = box[key]
  return Object.keys(carried).length > 0 ? carried : undefined
}

/** The inverse of carriedFields: the typed fields back in their places, the rest in `extra`. */
export function fromCarriedFields(carried: Record<string, unknown> | undefined): Pick<Box, (typeof TYPED_KEYS)[number] | 'extra'> {
  if (!carried) return {}
  const { area, difficult, truncated, pose, ...rest } = carried
  return {
    ...(typeof area === 'number' && { area }),
    ...(typeof difficult === 'boolean' && { difficult }),
    ...(typeof truncated === 'boolean' && { truncated }),
    ...(typeof pose === 'string' && { pose }),
    ...(Object.keys(rest).length > 0 && { extra: rest }),
  }
}
