import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { ImportGraph } from '../../scripts/lint/cycles'
import { loupePlugin } from '../../scripts/lint/plugin'
import { REPO_ROOT } from '../support/paths'

/** Lints `code` with the project's real configuration as if it were the file at `path` (the file need not exist). */
async function problemsOf(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT })
  const [result] = await eslint.lintText(code, { filePath: resolve(REPO_ROOT, path) })
  return (result?.messages ?? []).filter((message) => message.ruleId?.startsWith('loupe/')).map((message) => message.message)
}

describe('the layer rules (eslint loupe/tiers)', () => {
  it('refuses a lower tier importing a higher one', async () => {
    const problems = await problemsOf(
      'src/main/platform/jobs/uses-a-feature.ts',
      "import { CatalogService } from '../../features/catalog'\nexport const service = CatalogService\n",
    )
    expect(problems).toEqual([expect.stringContaining('platform (jobs) must not import features (catalog)')])
  })

  it('lets a feature use another feature only through its index', async () => {
    const deep = await problemsOf(
      'src/main/features/search/reaches-in.ts',
      "import { CatalogService } from '../catalog/catalog-service'\nexport const service = CatalogService\n",
    )
    expect(deep).toEqual([expect.stringContaining('through its public index')])
    const viaIndex = await problemsOf(
      'src/main/features/search/uses-index.ts',
      "import { CatalogService } from '../catalog'\nexport const service = CatalogService\n",
    )
    expect(viaIndex).toEqual([])
  })

  it('keeps electron in the shell, React in the renderer and the main process out of the renderer', async () => {
    expect(await problemsOf('src/main/features/catalog/window.ts', "import { app } from 'electron'\nexport const a = app\n")).toEqual([
      expect.stringContaining('Only the Electron shell'),
    ])
    expect(await problemsOf('src/main/doors/shell/window-test.ts', "import { app } from 'electron'\nexport const a = app\n")).toEqual([])
    expect(await problemsOf('src/main/features/catalog/view.ts', "import { useState } from 'react'\nexport const s = useState\n")).toEqual([
      expect.stringContaining('Only the renderer imports React'),
    ])
    expect(
      await problemsOf(
        'src/renderer/src/library/reaches-main.ts',
        "import { openLoupe } from '../../../main/app/loupe'\nexport const o = openLoupe\n",
      ),
    ).toEqual([expect.stringContaining('only through the contract')])
    expect(await problemsOf('src/renderer/src/library/reads-disk.ts', "import { readFile } from 'node:fs'\nexport const r = readFile\n")).toEqual([
      expect.stringContaining('no Node built-ins'),
    ])
  })

  it('reports an import circle (loupe/no-cycles)', async () => {
    const eslint = new ESLint({
      cwd: REPO_ROOT,
      ignore: false,
      overrideConfig: [
        {
          files: ['test/architecture/fixtures/**'],
          plugins: { loupe: loupePlugin },
          rules: { 'loupe/no-cycles': ['error', ['test/architecture/fixtures']] },
        },
      ],
    })
    const [result] = await eslint.lintFiles([resolve(REPO_ROOT, 'test/architecture/fixtures/cycle/a.ts')])
    const circles = (result?.messages ?? []).filter((message) => message.ruleId === 'loupe/no-cycles')
    expect(circles.map((message) => message.message)).toEqual([expect.stringMatching(/Import circle: .*a\.ts → .*b\.ts → .*a\.ts/)])
  })

  it('finds folders that import each other although no file closes a circle', () => {
    const fixtures = resolve(REPO_ROOT, 'test/architecture/fixtures/folders')
    const graph = new ImportGraph([fixtures])
    const folderOf = (path: string) => path.slice(fixtures.length + 1).split('/')[0] ?? null
    expect(graph.circleThrough(join(fixtures, 'left/uses-right.ts'), join(fixtures, 'right/plain.ts'))).toBeNull()
    expect(graph.folderCircleThrough(join(fixtures, 'left/uses-right.ts'), join(fixtures, 'right/plain.ts'), folderOf)).toEqual([
      'left',
      'right',
      'left',
    ])
  })
})
