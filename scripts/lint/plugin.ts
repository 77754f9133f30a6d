import { relative, resolve } from 'node:path'
import type { ESLint, Rule } from 'eslint'
import { ImportGraph } from './cycles'
import { resolveImport } from './resolve'
import { unitOf, violation } from './tiers'

/** Loupe's own lint rules: the architecture's tiers and no import circles. */
const ROOT = resolve(import.meta.dirname, '..', '..')

type ImportNode = Rule.Node & { source?: { type: string; value?: unknown } | null }

/** Calls `check` for every import, re-export and literal dynamic import of a file. */
function eachImport(check: (node: Rule.Node, specifier: string) => void): Rule.RuleListener {
  const visit = (node: Rule.Node) => {
    const source = (node as ImportNode).source
    if (source && source.type === 'Literal' && typeof source.value === 'string') check(node, source.value)
  }
  return { ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit }
}

const tiers: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'Keeps imports within the architecture’s tiers (see ARCHITECTURE.md).' }, schema: [] },
  create(context) {
    const file = context.filename
    const repoPath = (path: string) => relative(ROOT, path).split('\\').join('/')
    return eachImport((node, specifier) => {
      const target = resolveImport(file, specifier)
      const problem = violation(repoPath(file), specifier, target === null ? null : repoPath(target))
      if (problem) context.report({ node, message: problem })
    })
  },
}

let graph: { roots: string; graph: ImportGraph } | null = null

const noCycles: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbids import circles between source files.' },
    schema: [{ type: 'array', items: { type: 'string' } }],
  },
  create(context) {
    const roots = ((context.options[0] as string[] | undefined) ?? ['src']).map((root) => resolve(context.cwd, root))
    const key = roots.join('\n')
    if (graph?.roots !== key) graph = { roots: key, graph: new ImportGraph(roots) }
    const { graph: imports } = graph
    const file = context.filename
    return eachImport((node, specifier) => {
      const target = resolveImport(file, specifier)
      if (target === null) return
      const circle = imports.circleThrough(file, target)
      if (circle) {
        context.report({ node, message: `Import circle: ${circle.map((path) => relative(context.cwd, path)).join(' → ')}` })
        return
      }
      const folders = imports.folderCircleThrough(file, target, (path) => unitOf(relative(ROOT, path).split('\\').join('/')))
      if (folders) context.report({ node, message: `Folder circle: ${folders.join(' → ')} (the folders import each other)` })
    })
  },
}

export const loupePlugin: ESLint.Plugin = { meta: { name: 'loupe' }, rules: { tiers, 'no-cycles': noCycles } }
