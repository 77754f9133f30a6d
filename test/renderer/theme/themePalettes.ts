import { readFileSync } from 'node:fs'

/** An sRGB colour, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number
  g: number
  b: number
  a: number
}

export type Scheme = 'light' | 'dark'

/**
 * The custom properties of theme.css's `:root` as colours, per scheme: `light-dark(L, D)` gives L to the light
 * palette and D to the dark one; a plain colour (the image areas' own) belongs to both. Values that are not colours
 * (radii, fonts, shadows) are left out.
 */
export function readPalettes(cssPath: string): Record<Scheme, Map<string, Rgba>> {
  const css = readFileSync(cssPath, 'utf8')
  const root = /(?:^|\n):root\s*\{([^}]*)\}/.exec(css)?.[1]
  if (root === undefined) throw new Error(`${cssPath} has no :root block.`)
  const light = new Map<string, Rgba>()
  const dark = new Map<string, Rgba>()
  const withoutComments = root.replace(/\/\*[\s\S]*?\*\//g, '')
  for (const declaration of withoutComments.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    const name = declaration[1] ?? ''
    const value = (declaration[2] ?? '').trim()
    const pair = lightDarkPair(value)
    if (pair) {
      light.set(name, parseColor(pair[0]))
      dark.set(name, parseColor(pair[1]))
    } else if (isColor(value)) {
      light.set(name, parseColor(value))
      dark.set(name, parseColor(value))
    }
  }
  return { light, dark }
}

/** The two arguments of a value that is `light-dark(…, …)` as a whole, split at the comma outside parentheses. */
function lightDarkPair(value: string): [string, string] | null {
  if (!value.startsWith('light-dark(') || !value.endsWith(')')) return null
  const inner = value.slice('light-dark('.length, -1)
  let depth = 0
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index]
    if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === ',' && depth === 0) return [inner.slice(0, index), inner.slice(index + 1)]
  }
  throw new Error(`light-dark() needs two colours: ${value}`)
}

function isColor(text: string): boolean {
  return /^#[0-9a-f]{3,8}$/i.test(text) || /^rgb\(/.test(text)
}

/** `#rgb`, `#rrggbb` or `rgb(r g b)` / `rgb(r g b / a%)`, the forms theme.css writes. */
export function parseColor(text: string): Rgba {
  const value = text.trim()
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1]
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex
    return { r: parseInt(full.slice(0, 2), 16), g: parseInt(full.slice(2, 4), 16), b: parseInt(full.slice(4, 6), 16), a: 1 }
  }
  const rgb = /^rgb\(\s*(\d+)\s+(\d+)\s+(\d+)\s*(?:\/\s*([\d.]+)%)?\s*\)$/.exec(value)
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: rgb[4] === undefined ? 1 : Number(rgb[4]) / 100 }
  throw new Error(`Not a colour theme.css is expected to write: ${text}`)
}

/** `color` laid over an opaque `under`, as the screen shows it (also what `color-mix(in srgb, c p%, under)` gives). */
export function over(color: Rgba, under: Rgba, alpha = color.a): Rgba {
  const mix = (top: number, bottom: number) => top * alpha + bottom * (1 - alpha)
  return { r: mix(color.r, under.r), g: mix(color.g, under.g), b: mix(color.b, under.b), a: 1 }
}

/** WCAG 2.x relative luminance. */
export function luminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/** WCAG 2.x contrast ratio of two opaque colours, 1 to 21. */
export function contrastRatio(first: Rgba, second: Rgba): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((x, y) => y - x) as [number, number]
  return (lighter + 0.05) / (darker + 0.05)
}
