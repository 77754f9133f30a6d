/**
 * A small XML reader for annotation files: elements, attributes, text, CDATA, comments, processing
 * instructions, a skipped DOCTYPE and the predefined/numeric entities. No namespaces or DTD entities —
 * Pascal VOC files use none — which keeps it dependency-free and lets errors carry line numbers.
 */

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  /** The element's own text (CDATA included), children's text excluded. */
  text: string
  line: number
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message)
  }
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7\u00C0-\uFFFF]*/y
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function parseXml(source: string): XmlElement {
  const text = source.replace(/^\uFEFF/, '')
  let at = 0
  const stack: XmlElement[] = []
  let root: XmlElement | undefined

  const fail = (message: string, offset = at): never => {
    const before = text.slice(0, offset).split('\n')
    throw new XmlSyntaxError(message, before.length, (before.at(-1)?.length ?? 0) + 1)
  }
  // Element offsets only grow, so counting newlines from the last one keeps this linear.
  let counted = 0
  let line = 1
  const lineAt = (offset: number) => {
    for (; counted < offset; counted++) if (text.charCodeAt(counted) === 10) line++
    return line
  }
  const skipPast = (end: string, what: string) => {
    const i = text.indexOf(end, at)
    if (i < 0) fail(`unterminated ${what}`)
    const body = text.slice(at, i)
    at = i + end.length
    return body
  }
  const name = (): string => {
    NAME.lastIndex = at
    const m = NAME.exec(text)
    if (!m) return fail('expected a name')
    at += m[0].length
    return m[0]
  }
  // A stray "&" not starting a reference is kept as is: some tools forget to escape it.
  const decode = (raw: string, offset: number) =>
    raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]\w*);/g, (_whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
        if (code > 0x10ffff) fail(`invalid character reference &${ref};`, offset)
        return String.fromCodePoint(code)
      }
      return ENTITIES[ref] ?? fail(`unknown entity &${ref};`, offset)
    })
  const addText = (value: string, offset: number) => {
    const top = stack.at(-1)
    if (top) top.text += value
    else if (value.trim() !== '') fail('text outside the root element', offset)
  }

  while (at < text.length) {
    if (text.startsWith('<?', at)) skipPast('?>', 'processing instruction')
    else if (text.startsWith('<!--', at)) skipPast('-->', 'comment')
    else if (text.startsWith('<![CDATA[', at)) {
      const start = at
      at += 9
      addText(skipPast(']]>', 'CDATA section'), start)
    } else if (text.startsWith('<!DOCTYPE', at)) {
      const close = text.indexOf('>', at)
      const subset = text.indexOf('[', at)
      at = subset >= 0 && subset < close ? text.indexOf(']>', subset) + 2 : close + 1
      if (at <= 0) fail('unterminated DOCTYPE')
    } else if (text.startsWith('</', at)) {
      const start = at
      at += 2
      const closing = name()
      skipSpace()
      if (text[at] !== '>') fail(`expected ">" after </${closing}`)
      at++
      const open = stack.pop()
      if (!open) fail(`closing tag </${closing}> without an opening tag`, start)
      else if (open.name !== closing) fail(`</${closing}> closes <${open.name}> (line ${open.line})`, start)
    } else if (text[at] === '<') {
      const start = at
      at++
      const element: XmlElement = { name: name(), attributes: {}, children: [], text: '', line: lineAt(start) }
      readAttributes(element)
      const parent = stack.at(-1)
      if (parent) parent.children.push(element)
      else if (root) fail('a second root element', start)
      else root = element
      if (text.startsWith('/>', at)) at += 2
      else if (text[at] === '>') {
        at++
        stack.push(element)
      } else fail(`expected ">" to end <${element.name}>`)
    } else {
      const start = at
      const next = text.indexOf('<', at)
      at = next < 0 ? text.length : next
      addText(decode(text.slice(start, at), start), start)
    }
  }
  const open = stack.at(-1)
  if (open) fail(`<${open.name}> (line ${open.line}) is never closed`)
  if (!root) fail('no root element')
  return root as XmlElement

  function skipSpace() {
    while (at < text.length && /\s/.test(text[at] as string)) at++
  }
  function readAttributes(element: XmlElement) {
    for (;;) {
      skipSpace()
      if (text[at] === '>' || text.startsWith('/>', at) || at >= text.length) return
      const key = name()
      skipSpace()
      if (text[at] !== '=') fail(`attribute ${key} needs a value`)
      at++
      skipSpace()
      const quote = text[at]
      if (quote !== '"' && quote !== "'") return void fail(`attribute ${key}'s value must be quoted`)
      at++
      const start = at
      element.attributes[key] = decode(skipPast(quote, 'attribute value'), start)
    }
  }
}

/** The first child named `name`. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name)
}

/** Trimmed text of the first child named `name` (pretty-printed files put whitespace around values). */
export function childText(element: XmlElement, name: string): string | undefined {
  return child(element, name)?.text.trim()
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
