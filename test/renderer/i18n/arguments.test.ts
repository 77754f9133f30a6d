import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { english } from '../../../src/renderer/src/i18n/messages/en'
import { rendererSources } from './uiText'

const RENDERER = resolve(import.meta.dirname, '../../../src/renderer/src')

/** The values a message needs: its arguments and its tags. */
function namesIn(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) found.add(element.value)
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.add(element.value)
      for (const option of Object.values(element.options)) namesIn(option.value, found)
    } else if (element.type === TYPE.tag) {
      found.add(element.value)
      namesIn(element.children, found)
    }
  }
  return found
}

function messageNames(key: string): Set<string> | undefined {
  const dot = key.indexOf('.')
  const source = (english as Record<string, Record<string, string>>)[key.slice(0, dot)]?.[key.slice(dot + 1)]
  return source === undefined ? undefined : namesIn(parse(source))
}

/** The names an object literal gives, or null when it cannot be known from the source (a spread, a computed key). */
function literalNames(node: ts.Expression): Set<string> | null {
  if (!ts.isObjectLiteralExpression(node)) return null
  const names = new Set<string>()
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) return null
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null
    if (name === null) return null
    names.add(name)
  }
  return names
}

const CALLS: Record<string, number> = { t: 0, tRich: 0, tIn: 1 }

describe('every t() call', () => {
  it('gives each message exactly the arguments and tags it names (a missing one throws when the text is shown)', () => {
    const problems: string[] = []
    let checked = 0
    for (const file of rendererSources(RENDERER, join(RENDERER, 'i18n/messages'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in CALLS) {
          const at = CALLS[node.expression.text]!
          const keyNode = node.arguments[at]
          if (keyNode && ts.isStringLiteral(keyNode)) {
            const needed = messageNames(keyNode.text)
            const where = `${relative(RENDERER, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${keyNode.text}`
            const valuesNode = node.arguments[at + 1]
            const given = valuesNode ? literalNames(valuesNode) : new Set<string>()
            if (needed && given) {
              checked++
              const missing = [...needed].filter((name) => !given.has(name))
              const extra = [...given].filter((name) => !needed.has(name))
              if (missing.length > 0) problems.push(`${where} lacks ${missing.join(', ')}`)
              if (extra.length > 0) problems.push(`${where} gives ${extra.join(', ')}, which the message does not use`)
            }
          }
        }
        ts.forEachChild(node, visit)
      }
      visit(source)
    }
    expect(problems).toEqual([])
    // Most calls pass their values as a literal, which is what makes them checkable here.
    expect(checked).toBeGreaterThan(1000)
  })
})
