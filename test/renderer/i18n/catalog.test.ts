import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { english } from '../../../src/renderer/src/i18n/messages/en'
import { simplifiedChinese } from '../../../src/renderer/src/i18n/messages/zh-CN'

const RENDERER = resolve(import.meta.dirname, '../../../src/renderer/src')
const CATALOG_DIR = join(RENDERER, 'i18n/messages')

const LANGUAGES: Record<string, Record<string, Record<string, string>>> = { en: english, 'zh-CN': simplifiedChinese }

type Kind = 'argument' | 'number' | 'date' | 'plural' | 'select' | 'tag'

/**
 * Every argument a message uses by its kind, and every tag. Kinds may differ between languages (Chinese has no plural
 * forms, so its "{count, number} 张" stands for English's "{count, plural, …}"), names and tags may not.
 */
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, Kind>()): Map<string, Kind> {
  for (const element of elements) {
    if (element.type === TYPE.argument) found.set(element.value, found.get(element.value) ?? 'argument')
    else if (element.type === TYPE.number) found.set(element.value, 'number')
    else if (element.type === TYPE.date || element.type === TYPE.time) found.set(element.value, 'date')
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.set(element.value, element.type === TYPE.plural ? 'plural' : 'select')
      for (const option of Object.values(element.options)) argumentsOf(option.value, found)
    } else if (element.type === TYPE.tag) {
      found.set(`<${element.value}>`, 'tag')
      argumentsOf(element.children, found)
    }
  }
  return found
}

/** A count must stay formatted as a number in every language ("12,345"), which a bare {count} is not. */
const NUMERIC: ReadonlySet<Kind> = new Set(['number', 'plural'])

const keysOf = (catalog: Record<string, Record<string, string>>): string[] =>
  Object.entries(catalog).flatMap(([namespace, messages]) => Object.keys(messages).map((key) => `${namespace}.${key}`))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === CATALOG_DIR ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('the message catalogue', () => {
  it('has the same namespaces and keys in every language', () => {
    const englishKeys = keysOf(english).sort()
    for (const [language, catalog] of Object.entries(LANGUAGES)) {
      const keys = keysOf(catalog).sort()
      expect({ language, missing: englishKeys.filter((key) => !keys.includes(key)), extra: keys.filter((key) => !englishKeys.includes(key)) }).toEqual({ language, missing: [], extra: [] })
    }
  })

  it('has no empty message, and every message parses as ICU with the same arguments and tags as the English, counts formatted', () => {
    const problems: string[] = []
    for (const [namespace, messages] of Object.entries(english)) {
      for (const [key, source] of Object.entries(messages)) {
        const expected = argumentsOf(parse(source))
        const expectedNames = [...expected.keys()].sort().join(', ')
        for (const [language, catalog] of Object.entries(LANGUAGES)) {
          const translated = catalog[namespace]?.[key] ?? ''
          if (translated.trim() === '') {
            problems.push(`${language} ${namespace}.${key} is empty`)
            continue
          }
          let found: Map<string, Kind>
          try {
            found = argumentsOf(parse(translated))
          } catch (error) {
            problems.push(`${language} ${namespace}.${key} does not parse: ${String(error)}`)
            continue
          }
          const names = [...found.keys()].sort().join(', ')
          if (names !== expectedNames) problems.push(`${language} ${namespace}.${key} has ${names || 'no arguments'}, English ${expectedNames || 'none'}`)
          for (const [name, kind] of expected) {
            const translatedKind = found.get(name)
            if (NUMERIC.has(kind) && translatedKind && !NUMERIC.has(translatedKind)) problems.push(`${language} ${namespace}.${key} shows {${name}} unformatted: write {${name}, number} or a plural`)
          }
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('has every Chinese message in Chinese, unless it is only names, units and numbers', () => {
    const han = /\p{Script=Han}/u
    // Messages that read the same in both languages: names of formats and things, units, arguments alone.
    const untranslatedAlike = Object.entries(simplifiedChinese).flatMap(([namespace, messages]) =>
      Object.entries(messages)
        .filter(([key, source]) => !han.test(source) && source === english[namespace as keyof typeof english][key as never] && /\p{Ll}{3,}\s+\p{Ll}{3,}/u.test(source.replace(/\{[^}]*\}/g, '')))
        .map(([key]) => `${namespace}.${key}`),
    )
    expect(untranslatedAlike).toEqual([])
  })

  it('has no key that the renderer never uses', () => {
    const sources = sourceFiles(RENDERER).map((file) => readFileSync(file, 'utf8')).join('\n')
    // Job titles are said by the id a service gives (jobs/jobTitle.tsx), which the compiler holds to the catalogue.
    const unused = keysOf(english).filter((key) => !key.startsWith('jobTitles.') && !sources.includes(`'${key}'`))
    expect(unused).toEqual([])
  })
})
