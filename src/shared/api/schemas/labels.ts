import { z } from 'zod'

// ── Names ────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Label names are what people read in the class list, on boxes and in exported datasets (YOLO's classes.txt has one
// per line), so every request that brings a new or changed name checks it here. Whether a name clashes with another
// label (case included) is the label service's to say.

/** The longest label name or tag, in characters as JavaScript counts them (UTF-16 code units). */
export const NAME_MAX_LENGTH = 200

const LINE_BREAK_OR_TAB = /[\t\n\v\f\r\u0085\u2028\u2029]/
const CONTROL_CHARACTER = /\p{Cc}/u
/** With the u flag, only a surrogate without its other half is matched. */
const UNPAIRED_SURROGATE = /\p{Cs}/u
const SPACE_AT_EDGE = /^\s|\s$/u

const codePoint = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/**
 * Why a string cannot be a label name, as a sentence for the person who typed it, or undefined when it can. `noun`
 * starts the sentence ("A label name", "A tag"). The first problem found is the one told.
 */
export function labelNameProblem(name: string, noun = 'A label name'): string | undefined {
  if (name.length === 0) return `${noun} cannot be empty.`
  if (name.length > NAME_MAX_LENGTH) {
    return `${noun} can be at most ${NAME_MAX_LENGTH} characters long (this one has ${name.length}).`
  }
  if (LINE_BREAK_OR_TAB.test(name)) return `${noun} cannot contain a line break or tab.`
  const control = CONTROL_CHARACTER.exec(name)
  if (control) return `${noun} cannot contain the invisible control character ${codePoint(control[0])}.`
  if (UNPAIRED_SURROGATE.test(name)) return `${noun} contains a broken character (half of a surrogate pair).`
  if (name.trim() === '') return `${noun} cannot be only spaces.`
  if (SPACE_AT_EDGE.test(name)) return `${noun} cannot start or end with a space.`
  return undefined
}

const nameOf = (noun: string) =>
  z.string().superRefine((name, ctx) => {
    const problem = labelNameProblem(name, noun)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  })

/** A label (class) name in a request: checked, never altered (no trimming). */
export const LabelName = nameOf('A label name')
/** An image-level tag: a label name, told apart in messages. */
export const TagName = nameOf('A tag')

// ── Labels ───────────────────────────────────────────────────────────────────────────────────────────────────────────

export const Label = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string(),
  hotkey: z.string().nullable(),
  imageCount: z.number().int(),
  boxCount: z.number().int(),
})
export type Label = z.infer<typeof Label>

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #4e79a7')
const Hotkey = z.string().regex(/^[1-9]$/, 'a digit from 1 to 9')

export const CreateLabelRequest = z
  .object({ name: LabelName, color: Color.optional(), hotkey: Hotkey.nullable().optional() })
  .strict()
export const UpdateLabelRequest = z
  .object({ id: z.number().int().positive(), name: LabelName.optional(), color: Color.optional(), hotkey: Hotkey.nullable().optional() })
  .strict()
export const MergeLabelsRequest = z
  .object({ sourceId: z.number().int().positive(), targetId: z.number().int().positive() })
  .strict()
export const LabelIdRequest = z.object({ id: z.number().int().positive() }).strict()
