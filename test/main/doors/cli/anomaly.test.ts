import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loupeJsonAsync, runLoupeAsync } from '../../../support/cli'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { defectTiles, goodTiles } from '../../engines/anomaly/support'

describe('loupe anomaly', () => {
  it('fits from files outside the catalogue and scores files in pixels of each picture', async () => {
    const ws = await tempDir('loupe-anomaly-cli-')
    await loupeJsonAsync('--workspace', ws, 'models', 'add', join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
    const good = (await goodTiles()).filter((_, index) => index % 20 === 0)
    const fitted = await loupeJsonAsync<Record<string, unknown>>('--workspace', ws, 'anomaly', 'fit', ...good)
    expect(Object.keys(fitted)).toEqual(['model', 'backbones', 'goodImages', 'patches', 'threshold'])
    expect(fitted).toMatchObject({ model: 'default v1', backbones: ['mobilenet-v1-1.0-224'], goodImages: good.length })
    expect(fitted.patches).toBeGreaterThan(0)
    expect(fitted.threshold).toBeGreaterThan(0)
    // Nothing was added to the catalogue.
    expect(await loupeJsonAsync('--workspace', ws, 'anomaly', 'score')).toEqual([])

    const defect = (await defectTiles()).find((tile) => tile.kind === 'break')!.path
    const scored = await loupeJsonAsync<Array<Record<string, unknown>>>('--workspace', ws, 'anomaly', 'score', defect, good[0]!, '--threshold', '0')
    expect(scored.map((item) => Object.keys(item))).toEqual([
      ['path', 'score', 'anomalous', 'regions'],
      ['path', 'score', 'anomalous', 'regions'],
    ])
    expect(scored.map((item) => item.path)).toEqual([defect, good[0]])
    // At threshold 0 everything is anomalous and the one region is the whole picture.
    expect(scored[0]).toMatchObject({ anomalous: true, regions: [{ x: 0, y: 0 }] })
  })

  it('learns with MobileNetV2 beside V1 when it is installed, unless --second-model none', async () => {
    const ws = await tempDir('loupe-anomaly-cli-')
    await loupeJsonAsync('--workspace', ws, 'models', 'add', join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
    await loupeJsonAsync('--workspace', ws, 'models', 'add', join(SHARED_MODELS, 'mobilenet-v2-1.0-224'))
    await loupeJsonAsync('--workspace', ws, 'models', 'use', 'mobilenet-v1-1.0-224')
    const good = (await goodTiles()).filter((_, index) => index % 4 === 0).slice(0, 50)
    const pair = await loupeJsonAsync('--workspace', ws, 'anomaly', 'fit', ...good)
    expect(pair).toMatchObject({ model: 'default v1', backbones: ['mobilenet-v1-1.0-224', 'mobilenet-v2-1.0-224'], goodImages: 50 })
    const alone = await loupeJsonAsync('--workspace', ws, 'anomaly', 'fit', '--second-model', 'none', ...good)
    expect(alone).toMatchObject({ model: 'default v2', backbones: ['mobilenet-v1-1.0-224'] })
    const listed = await runLoupeAsync('--workspace', ws, 'anomaly', 'models')
    expect(listed.stdout).toContain('mobilenet-v1-1.0-224 + mobilenet-v2-1.0-224')
  })

  it('scores the catalogue after fitting from a label; explains wrong use', async () => {
    const ws = await tempDir('loupe-anomaly-cli-')
    const folder = await tempDir('loupe-anomaly-cli-tiles-')
    await mkdir(join(folder, 'ok'))
    for (const tile of (await goodTiles()).filter((_, index) => index % 30 === 0)) await copyFile(tile, join(folder, 'ok', basename(tile)))
    await loupeJsonAsync('--workspace', ws, 'models', 'add', join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
    await loupeJsonAsync('--workspace', ws, 'import', folder, '--labels', 'folders', '--no-index')
    expect(await loupeJsonAsync('--workspace', ws, 'anomaly', 'fit', '--label', 'ok')).toMatchObject({ model: 'default v1', goodImages: 8 })
    const listed = await loupeJsonAsync<Array<{ path: string; score: number }>>('--workspace', ws, 'anomaly', 'score')
    expect(listed).toHaveLength(8)

    const neither = await runLoupeAsync('--workspace', ws, 'anomaly', 'fit')
    expect(neither.code).not.toBe(0)
    expect(neither.stderr).toContain('anomaly fit takes --label L or PATH..., not both.')
    const unknown = await runLoupeAsync('--workspace', ws, 'anomaly', 'fit', '--label', 'nope')
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain('There is no label "nope"')
  })

  it('lists versions, chooses the one in use and saves a threshold', async () => {
    const ws = await tempDir('loupe-anomaly-cli-')
    await loupeJsonAsync('--workspace', ws, 'models', 'add', join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
    const good = (await goodTiles()).filter((_, index) => index % 40 === 0).slice(0, 6)
    await loupeJsonAsync('--workspace', ws, 'anomaly', 'fit', ...good)
    await loupeJsonAsync('--workspace', ws, 'anomaly', 'fit', ...good.slice(0, 4))
    type Listed = Array<{ id: number; version: number; active: boolean; threshold: number; falseAlarmRate: number }>
    const listed = await loupeJsonAsync<Listed>('--workspace', ws, 'anomaly', 'models')
    expect(listed.map((model) => [model.version, model.active])).toEqual([
      [2, true],
      [1, false],
    ])
    const human = await runLoupeAsync('--workspace', ws, 'anomaly', 'models')
    expect(human.stdout).toMatch(/^\* \d+ {2}default v2 {2}threshold \d+\.\d{3}/)

    expect(await loupeJsonAsync('--workspace', ws, 'anomaly', 'use', 'default@1')).toMatchObject({ version: 1, active: true })
    expect(await loupeJsonAsync('--workspace', ws, 'anomaly', 'threshold', 'default', '0')).toMatchObject({ version: 1, threshold: 0, falseAlarmRate: 1 })
    expect(await loupeJsonAsync('--workspace', ws, 'anomaly', 'use', String(listed[0]!.id))).toMatchObject({ version: 2, active: true })

    const unknown = await runLoupeAsync('--workspace', ws, 'anomaly', 'use', 'default@7')
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain('"default" has no such version; it has v2, v1.')
    const notANumber = await runLoupeAsync('--workspace', ws, 'anomaly', 'threshold', 'default', 'high')
    expect(notANumber.code).not.toBe(0)
    expect(notANumber.stderr).toContain('anomaly threshold takes an anomaly score (0 or more) as its value.')
    expect((await loupeJsonAsync<Listed>('--workspace', ws, 'anomaly', 'models')).map((model) => model.threshold)).toEqual([listed[0]!.threshold, 0])
  })

  it('evaluates against the labels: counts, AUROC and the confusion at a threshold; refuses an unknown label', async () => {
    const ws = await tempDir('loupe-anomaly-cli-')
    const folder = await tempDir('loupe-anomaly-cli-tiles-')
    await mkdir(join(folder, 'ok'))
    await mkdir(join(folder, 'crack'))
    for (const tile of (await goodTiles()).filter((_, index) => index % 25 === 0)) await copyFile(tile, join(folder, 'ok', basename(tile)))
    for (const tile of (await defectTiles()).filter((defect) => defect.kind === 'crack').slice(0, 2)) await copyFile(tile.path, join(folder, 'crack', basename(tile.path)))
    await loupeJsonAsync('--workspace', ws, 'models', 'add', join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
    await loupeJsonAsync('--workspace', ws, 'import', folder, '--labels', 'folders', '--no-index')
    await loupeJsonAsync('--workspace', ws, 'anomaly', 'fit', '--label', 'ok')

    const evaluation = await loupeJsonAsync<Record<string, unknown>>('--workspace', ws, 'anomaly', 'evaluate', '--threshold', '0')
    // Learnt from "ok": ten tiles, two held out; the two held-out tiles are the good ones evaluated.
    expect(evaluation).toMatchObject({ goodLabel: 'ok', threshold: 0, goodImages: 2, defectImages: 2, leftOut: { bank: 8, unlabelled: 0 } })
    expect(evaluation.confusion).toEqual({ truePositive: 2, falsePositive: 2, trueNegative: 0, falseNegative: 0 })
    const human = await runLoupeAsync('--workspace', ws, 'anomaly', 'evaluate')
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/AUROC \d\.\d{3}\./)
    expect(human.stdout).toContain('8 learnt from (in the memory bank)')

    const unknown = await runLoupeAsync('--workspace', ws, 'anomaly', 'evaluate', '--label', 'nope')
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain('There is no label "nope"')
  })
})
