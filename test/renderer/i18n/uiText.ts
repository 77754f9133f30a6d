import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/** A piece of text in renderer source that reads as words for a person and is not in the catalogue. */
export interface UncataloguedText {
  file: string
  line: number
  text: string
}

/** JSX attributes whose value a person reads (or hears). */
const TEXT_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'label', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'aria-placeholder', 'text', 'detail', 'message', 'emptyTitle', 'heading', 'hint', 'name', 'description', 'caption', 'tooltip'])

/** Calls whose string arguments are for developers or machines: logs, thrown invariants, key names, selectors. */
const MACHINE_CALLS = new Set(['console.log', 'console.warn', 'console.error', 'console.info', 'console.debug', 'Error', 'TypeError', 'RangeError', 't', 'tIn', 'tRich', 'querySelector', 'querySelectorAll', 'getElementById', 'addEventListener', 'removeEventListener', 'matchMedia', 'getPropertyValue', 'setProperty', 'createElement', 'getContext', 'postMessage', 'localStorage.getItem', 'localStorage.setItem', 'closest', 'matches', 'endsWith', 'startsWith'])

/** KeyboardEvent.key values, which code compares and lists but never shows as words. */
const KEY_NAMES = new Set(['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End', 'Enter', 'Escape', 'Tab', 'Backspace', 'Delete', 'Shift', 'Control', 'Alt', 'Meta'])

const EXEMPT_MARK = 'i18n-exempt'

/** Any word at all; a lone letter is a key cap ("L") or a unit, the same in every language. */
const hasWord = (text: string): boolean => /\p{L}{2,}|[^\p{Script=Latin}\P{L}]/u.test(text) && !KEY_NAMES.has(text.trim())

/** Words a person reads: two words, a capitalised word, a sentence mark, or any non-Latin script. */
function readsAsWords(text: string): boolean {
  if (KEY_NAMES.has(text)) return false
  const bare = text.replace(/\$\{[^}]*\}/g, ' ')
  if (!/\p{L}/u.test(bare)) return false
  return /\p{L}{2,}[\s,;:]+\p{L}/u.test(bare) || /(^|\s)\p{Lu}\p{Ll}/u.test(bare) || /[…?!]|\.\s*$/u.test(bare) || /[^\p{Script=Latin}\P{L}]/u.test(bare)
}

function callName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = call.expression
  if (ts.isIdentifier(callee)) return callee.text
  if (ts.isPropertyAccessExpression(callee)) {
    const owner = ts.isIdentifier(callee.expression) ? `${callee.expression.text}.` : ''
    return MACHINE_CALLS.has(`${owner}${callee.name.text}`) ? `${owner}${callee.name.text}` : callee.name.text
  }
  return ''
}

/** The attribute a literal is the value of, looking through conditionals, groupings and template parts. */
function enclosingAttribute(node: ts.Node): ts.JsxAttribute | undefined {
  let current: ts.Node = node.parent
  while (current && (ts.isConditionalExpression(current) || ts.isParenthesizedExpression(current) || ts.isBinaryExpression(current) || ts.isTemplateSpan(current) || ts.isTemplateExpression(current) || ts.isJsxExpression(current) || ts.isCallExpression(current) || ts.isArrayLiteralExpression(current))) {
    current = current.parent
  }
  return current && ts.isJsxAttribute(current) ? current : undefined
}

/** Whether a string literal is where text for people goes, or a machine's value (a key, an id, a CSS class). */
function isMachineValue(node: ts.Node): boolean {
  const parent = node.parent
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) || ts.isImportTypeNode(parent.parent)) return true
  if (ts.isLiteralTypeNode(parent)) return true
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true
  if (ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isEnumMember(parent)) return parent.name === node
  if (ts.isElementAccessExpression(parent)) return true
  if (ts.isCaseClause(parent)) return true
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InKeyword].includes(parent.operatorToken.kind)) return true
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node) {
    const name = callName(parent)
    if (MACHINE_CALLS.has(name) || (name === 'import' && ts.isCallExpression(parent))) return true
  }
  if (parent.kind === ts.SyntaxKind.CallExpression && (parent as ts.CallExpression).expression.kind === ts.SyntaxKind.ImportKeyword) return true
  const attribute = enclosingAttribute(node)
  if (attribute) {
    const name = attribute.name.getText()
    return !TEXT_ATTRIBUTES.has(name)
  }
  return false
}

function exempt(sourceFile: ts.SourceFile, node: ts.Node): boolean {
  const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
  const lines = sourceFile.text.split('\n')
  return [lines[line], lines[line - 1]].some((text) => text?.includes(EXEMPT_MARK))
}

/** Every uncatalogued text of one file. */
export function uncataloguedIn(path: string, root: string): UncataloguedText[] {
  const sourceFile = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: UncataloguedText[] = []
  const report = (node: ts.Node, text: string) => {
    if (exempt(sourceFile, node)) return
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
    found.push({ file: relative(root, path), line: line + 1, text: text.trim().slice(0, 80) })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (hasWord(node.text)) report(node, node.text)
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const attribute = ts.isJsxAttribute(node.parent) ? node.parent : enclosingAttribute(node)
      const spoken = attribute !== undefined && TEXT_ATTRIBUTES.has(attribute.name.getText())
      const inChildren = ts.isJsxExpression(node.parent) && !attribute
      if ((spoken || inChildren ? hasWord(node.text) : readsAsWords(node.text)) && !isMachineValue(node)) report(node, node.text)
    } else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('${}')
      if (readsAsWords(text) && !isMachineValue(node)) report(node, text)
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return found
}

/** Every renderer source file under `dir`, leaving out the catalogue itself. */
export function rendererSources(dir: string, catalogDir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === catalogDir ? [] : rendererSources(path, catalogDir)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}
