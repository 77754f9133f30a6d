import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LABEL_SWATCHES } from '../../../src/renderer/src/annotate/labelSwatches'
import { contrastRatio, luminance, over, parseColor, readPalettes, type Rgba, type Scheme } from './themePalettes'

const THEME_CSS = resolve(import.meta.dirname, '../../../src/renderer/src/theme.css')

/** WCAG 2.x AA: 4.5 for text under 18.66 px bold / 24 px (all of Loupe's), 3 for glyphs that carry meaning (1.4.11). */
const TEXT = 4.5
const GLYPH = 3

const SURFACES = ['--bg', '--surface', '--surface-2', '--surface-3']
const WHITE = parseColor('#ffffff')

interface Pair {
  what: string
  fg: Rgba
  bg: Rgba
  min: number
}

/** Every text colour on every surface theme.css and the component styles put it on, for one palette. */
function pairsOf(palette: Map<string, Rgba>): Pair[] {
  const color = (name: string): Rgba => {
    const found = palette.get(name)
    if (!found) throw new Error(`theme.css defines no colour ${name}`)
    return found
  }
  const pairs: Pair[] = []
  const add = (fg: string, bg: string, min: number, bgColor = color(bg)) => pairs.push({ what: `${fg} on ${bg}`, fg: color(fg), bg: bgColor, min })

  for (const text of ['--text', '--text-muted', '--text-faint']) for (const surface of SURFACES) add(text, surface, TEXT)
  // Hovered buttons and rows.
  add('--text', '--surface-hover', TEXT)
  add('--text-muted', '--surface-hover', TEXT)
  // The selected sidebar entry and the active tool: text on the accent's soft fill.
  add('--text', '--accent-soft', TEXT, over(color('--accent-soft'), color('--surface-2')))
  // Links and accented figures, and the accent on its own soft fill (a selected tab, a picked option).
  for (const surface of ['--bg', '--surface', '--surface-2']) add('--accent', surface, TEXT)
  add('--accent', '--accent-soft', TEXT, over(color('--accent-soft'), color('--surface')))
  // Problems: on the page, in a panel, and in the soft red of a confirmation or a "Missing" badge.
  for (const surface of ['--bg', '--surface', '--surface-2']) add('--danger', surface, TEXT)
  add('--danger', '--danger-soft', TEXT, over(color('--danger-soft'), color('--surface')))
  // Warnings: the connection banner (16% tint) and the training notice (7%) are the strongest tints under them.
  for (const surface of ['--bg', '--surface']) add('--warning', surface, TEXT)
  add('--warning', '--warning 16% tint', TEXT, over(color('--warning'), color('--surface'), 0.16))
  // "Done" figures in jobs and training results, and the "Active" badge on its green tint.
  for (const surface of ['--surface', '--surface-2']) add('--status-labelled', surface, TEXT)
  add('--status-labelled', '--status-labelled 22% tint', TEXT, over(color('--status-labelled'), color('--surface'), 0.22))
  // Buttons filled with colour.
  add('--on-accent', '--accent-strong', TEXT)
  add('--on-accent', '--accent-strong-hover', TEXT)
  add('--on-danger', '--danger', TEXT)
  add('--on-danger', '--danger-hover', TEXT)
  // Glyphs: status dots say an image's review status; the accent draws focus rings and selection outlines.
  for (const status of ['--status-unlabelled', '--status-in_progress', '--status-labelled', '--status-reviewed', '--status-needs_fix'])
    for (const surface of ['--surface', '--surface-2']) add(status, surface, GLYPH)
  for (const surface of ['--bg', '--surface']) add('--accent', surface, GLYPH)
  return pairs
}

/** The share of a label's own colour in a label chip's text, per scheme, as `.label-chip` mixes it. */
function labelInkShares(css: string): Record<Scheme, number> {
  const rule = /\.label-chip\s*\{([^}]*)\}/.exec(css)?.[1] ?? ''
  const shares = [...rule.matchAll(/color-mix\(in srgb, var\(--label-color, #[0-9a-f]+\) (\d+)%, var\(--text\)\)/g)].map((match) => Number(match[1]) / 100)
  if (shares.length !== 2) throw new Error('.label-chip should mix its text as light-dark(color-mix(…), color-mix(…))')
  return { light: shares[0]!, dark: shares[1]! }
}

function failures(pairs: Pair[]): string[] {
  return pairs
    .map((pair) => ({ ...pair, ratio: contrastRatio(pair.fg, pair.bg) }))
    .filter((pair) => pair.ratio < pair.min)
    .map((pair) => `${pair.what}: ${pair.ratio.toFixed(2)} < ${pair.min}`)
}

describe('theme contrast (WCAG 2.x AA)', () => {
  const palettes = readPalettes(THEME_CSS)
  const css = readFileSync(THEME_CSS, 'utf8')

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps every text colour of the ${scheme} palette readable on the surfaces it is used on`, () => {
      const pairs = pairsOf(palettes[scheme])
      expect(pairs.length).toBeGreaterThan(40)
      expect(failures(pairs)).toEqual([])
    })

    it(`keeps label chips readable in the ${scheme} palette for every colour a label can be given`, () => {
      const palette = palettes[scheme]
      const share = labelInkShares(css)[scheme]
      const pairs = LABEL_SWATCHES.map((swatch) => {
        const label = parseColor(swatch)
        return { what: `label ${swatch}`, fg: over(label, palette.get('--text')!, share), bg: over(label, palette.get('--surface')!, 0.18), min: TEXT }
      })
      expect(failures(pairs)).toEqual([])
    })
  }

  it('keeps the image areas dark in both themes, with their text readable even over a white picture', () => {
    for (const name of ['--stage-bg', '--stage-black', '--stage-scrim', '--stage-text']) {
      expect(palettes.light.get(name), name).toEqual(palettes.dark.get(name))
    }
    const stage = palettes.dark.get('--stage-bg')!
    expect(luminance(stage)).toBeLessThan(0.01)
    const scrimOverWhite = over(palettes.dark.get('--stage-scrim')!, WHITE)
    // Overlays in an image area take the dark palette (color-scheme: dark), whichever theme the window is in.
    const pairs: Pair[] = [
      { what: '--stage-text on --stage-bg', fg: palettes.dark.get('--stage-text')!, bg: stage, min: TEXT },
      { what: '--stage-text on the scrim over white', fg: palettes.dark.get('--stage-text')!, bg: scrimOverWhite, min: TEXT },
      { what: 'dark --text on the scrim over white', fg: palettes.dark.get('--text')!, bg: scrimOverWhite, min: TEXT },
      { what: 'dark --text-muted on the scrim over white', fg: palettes.dark.get('--text-muted')!, bg: scrimOverWhite, min: TEXT },
    ]
    expect(failures(pairs)).toEqual([])
  })
})
