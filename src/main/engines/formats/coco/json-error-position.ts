/**
 * Where JSON text first goes wrong, as an offset. Only called after JSON.parse failed: V8 states a
 * position for some errors ("… at position 6") but not for others ("Unexpected token ','"), and a
 * user fixing a 500 MB export by hand needs a line number either way.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++
  }
  const fail = (): never => {
    throw at
  }
  const expect = (c: string) => (text[at] === c ? at++ : fail())
  const literal = (word: string) => (text.startsWith(word, at) ? (at += word.length) : fail())
  const string = () => {
    expect('"')
    while (text[at] !== '"') {
      if (at >= text.length || text.charCodeAt(at) < 0x20) fail()
      if (text[at] === '\\') {
        at++
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail()
          at += 4
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail()
      }
      at++
    }
    at++
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400))
    if (!match) fail()
    at += (match as RegExpExecArray)[0].length
  }
  const value = (): void => {
    space()
    const c = text[at]
    if (c === '{') return list('}', () => (string(), space(), expect(':'), value()))
    if (c === '[') return list(']', value)
    if (c === '"') return string()
    if (c === 't') return void literal('true')
    if (c === 'f') return void literal('false')
    if (c === 'n') return void literal('null')
    return number()
  }
  const list = (close: string, item: () => void) => {
    at++
    space()
    if (text[at] === close) return void at++
    for (;;) {
      space()
      item()
      space()
      if (text[at] === close) return void at++
      expect(',')
    }
  }
  try {
    value()
    space()
    if (at < text.length) fail()
    return text.length
  } catch (offset) {
    // Anything else is a stack overflow on absurd nesting: no position then.
    return typeof offset === 'number' ? offset : undefined
  }
}
