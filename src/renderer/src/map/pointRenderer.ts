import { countBelow, inDrawOrder, shuffledDrawOrder, slotsOf, type DrawOrder } from './drawOrder'
import type { ViewTransform } from './viewTransform'

// i18n-exempt: GLSL
const VERTEX_SHADER = `
attribute vec2 position;
attribute vec3 colour;
attribute float selected;
uniform vec2 scale;
uniform vec2 offset;
uniform float pointSize;
uniform float hasSelection;
uniform float highlight;
varying vec4 fill;
varying float ring;
void main() {
  gl_Position = vec4(position * scale + offset, 0.0, 1.0);
  float chosen = max(selected, highlight);
  // With a selection, the other points fade back so the chosen ones stand out; those get a ring and grow.
  float alpha = hasSelection > 0.5 && chosen < 0.5 ? 0.18 : 1.0;
  fill = vec4(colour, alpha);
  ring = chosen;
  gl_PointSize = pointSize * (1.0 + 0.6 * chosen);
}`

// i18n-exempt: GLSL
const FRAGMENT_SHADER = `
precision mediump float;
varying vec4 fill;
varying float ring;
void main() {
  float r = length(gl_PointCoord - vec2(0.5)) * 2.0;
  if (r > 1.0) discard;
  vec3 colour = ring > 0.5 && r > 0.6 ? vec3(1.0) : fill.rgb;
  gl_FragColor = vec4(colour * fill.a, fill.a);
}`

const MAX_POINT_SIZE = 16

/**
 * The diameter of a point, in CSS pixels, at `zoom` times the fitted scale: a few dozen points are drawn large, 100k
 * small enough to keep clusters apart; zooming in grows them slowly (with the zoom's logarithm).
 */
export function pointSizeAt(zoom: number, count: number): number {
  const fitted = Math.min(7, Math.max(2.5, 12 / Math.log10(count + 10)))
  return Math.min(MAX_POINT_SIZE, fitted * (1 + 0.5 * Math.log2(Math.max(1, zoom))))
}

/**
 * Draws the map's points with WebGL: positions, colours and the selection live in GPU buffers, uploaded when they
 * change; a frame (pan, zoom) only sets four uniforms and makes one draw call (two with a selection).
 *
 * The buffers hold the points in a shuffled order (drawOrder.ts), so a frame may draw only the first m slots and still
 * show the whole map, thinned evenly. The callers speak of points by their index; the order stays in here.
 */
export class PointRenderer {
  private readonly gl: WebGLRenderingContext
  private readonly program: WebGLProgram
  private readonly buffers: { position: WebGLBuffer; colour: WebGLBuffer; selected: WebGLBuffer; selectedSlots: WebGLBuffer }
  /** Drawing the selection from an index buffer needs 32-bit indices (WebGL 2, or an extension WebGL 1 nearly always has); without them every frame draws every point. */
  private readonly canThin: boolean
  private count = 0
  private order: DrawOrder = shuffledDrawOrder(0)
  /** The selected points' slots, ascending, as in the selectedSlots buffer. */
  private selectedSlots = new Uint32Array(0)

  /** Throws when the canvas cannot give a WebGL context (the view says so instead of showing an empty box). */
  constructor(private readonly canvas: HTMLCanvasElement) {
    const options: WebGLContextAttributes = { antialias: false, premultipliedAlpha: true, alpha: true }
    const gl = (canvas.getContext('webgl2', options) ?? canvas.getContext('webgl', options)) as WebGLRenderingContext | null
    if (!gl) throw new Error('WebGL is not available')
    this.gl = gl
    this.program = linkProgram(gl, VERTEX_SHADER, FRAGMENT_SHADER)
    this.buffers = { position: newBuffer(gl), colour: newBuffer(gl), selected: newBuffer(gl), selectedSlots: newBuffer(gl) }
    this.canThin = gl instanceof WebGL2RenderingContext || gl.getExtension('OES_element_index_uint') !== null
    gl.useProgram(this.program)
    this.bindAttribute('position', this.buffers.position, 2, gl.FLOAT, false)
    this.bindAttribute('colour', this.buffers.colour, 3, gl.UNSIGNED_BYTE, true)
    this.bindAttribute('selected', this.buffers.selected, 1, gl.UNSIGNED_BYTE, false)
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA)
  }

  /** The points' places in map coordinates, x and y interleaved; colours and selection are reset to match. */
  setPositions(xy: Float32Array): void {
    const gl = this.gl
    this.count = xy.length / 2
    this.order = shuffledDrawOrder(this.count)
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffers.position)
    gl.bufferData(gl.ARRAY_BUFFER, inDrawOrder(xy, this.order, 2), gl.STATIC_DRAW)
    this.setColours(new Uint8Array(this.count * 3))
    this.setSelected([])
  }

  /** Three bytes (RGB) a point, in point order. */
  setColours(rgb: Uint8Array): void {
    this.upload(this.buffers.colour, inDrawOrder(rgb, this.order, 3))
  }

  /** The selected points' indices: flagged for the shader, and listed by slot for the pass that draws them all in a thinned frame. */
  setSelected(points: readonly number[]): void {
    const flags = new Uint8Array(this.count)
    for (const point of points) flags[this.order.slotOf[point]!] = 1
    this.upload(this.buffers.selected, flags)
    if (!this.canThin) return
    this.selectedSlots = slotsOf(points, this.order)
    const gl = this.gl
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.buffers.selectedSlots)
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, this.selectedSlots, gl.DYNAMIC_DRAW)
  }

  /**
   * Draws the first `drawn` slots (a uniform sample of the map; every point when `drawn` is the count) under `view`
   * (CSS pixels), then the selected points the sample left out, so a selection always shows whole; the hovered point,
   * if any, is drawn again on top, ringed. Returns how many slots it drew (every one when it cannot thin).
   */
  draw(view: ViewTransform, zoom: number, hasSelection: boolean, hovered: number | null, drawn: number): number {
    const gl = this.gl
    const { width, height } = this.canvas
    const pixelRatio = width / Math.max(1, this.canvas.clientWidth)
    gl.viewport(0, 0, width, height)
    gl.clearColor(0, 0, 0, 0)
    gl.clear(gl.COLOR_BUFFER_BIT)
    if (this.count === 0) return 0
    const sampled = this.canThin ? Math.max(0, Math.min(this.count, Math.round(drawn))) : this.count
    const cssWidth = width / pixelRatio
    const cssHeight = height / pixelRatio
    gl.uniform2f(this.uniform('scale'), (2 * view.scale) / cssWidth, (-2 * view.scale) / cssHeight)
    gl.uniform2f(this.uniform('offset'), (2 * view.offsetX) / cssWidth - 1, 1 - (2 * view.offsetY) / cssHeight)
    gl.uniform1f(this.uniform('pointSize'), pointSizeAt(zoom, this.count) * pixelRatio)
    gl.uniform1f(this.uniform('hasSelection'), hasSelection ? 1 : 0)
    // Blending is only needed to fade the unselected points; without it software rasterisers draw faster.
    if (hasSelection) gl.enable(gl.BLEND)
    else gl.disable(gl.BLEND)
    gl.uniform1f(this.uniform('highlight'), 0)
    gl.drawArrays(gl.POINTS, 0, sampled)
    const leftOut = this.selectedSlots.length - countBelow(this.selectedSlots, sampled)
    if (hasSelection && leftOut > 0) {
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.buffers.selectedSlots)
      gl.drawElements(gl.POINTS, leftOut, gl.UNSIGNED_INT, (this.selectedSlots.length - leftOut) * Uint32Array.BYTES_PER_ELEMENT)
    }
    if (hovered !== null && hovered < this.count) {
      gl.uniform1f(this.uniform('highlight'), 1)
      gl.drawArrays(gl.POINTS, this.order.slotOf[hovered]!, 1)
    }
    return sampled
  }

  /** Frees the GPU's buffers and program now, rather than when the canvas is collected. */
  dispose(): void {
    const gl = this.gl
    for (const buffer of Object.values(this.buffers)) gl.deleteBuffer(buffer)
    gl.deleteProgram(this.program)
  }

  private upload(buffer: WebGLBuffer, bytes: Uint8Array): void {
    const gl = this.gl
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer)
    gl.bufferData(gl.ARRAY_BUFFER, bytes, gl.DYNAMIC_DRAW)
  }

  private bindAttribute(name: string, buffer: WebGLBuffer, size: number, type: number, normalized: boolean): void {
    const gl = this.gl
    const location = gl.getAttribLocation(this.program, name)
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer)
    gl.enableVertexAttribArray(location)
    gl.vertexAttribPointer(location, size, type, normalized, 0, 0)
  }

  private readonly uniforms = new Map<string, WebGLUniformLocation | null>()
  private uniform(name: string): WebGLUniformLocation | null {
    if (!this.uniforms.has(name)) this.uniforms.set(name, this.gl.getUniformLocation(this.program, name))
    return this.uniforms.get(name)!
  }
}

function newBuffer(gl: WebGLRenderingContext): WebGLBuffer {
  const buffer = gl.createBuffer()
  if (!buffer) throw new Error('WebGL could not make a buffer')
  return buffer
}

function linkProgram(gl: WebGLRenderingContext, vertexSource: string, fragmentSource: string): WebGLProgram {
  const program = gl.createProgram()
  if (!program) throw new Error('WebGL could not make a program')
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertexSource],
    [gl.FRAGMENT_SHADER, fragmentSource],
  ] as const) {
    const shader = gl.createShader(type)
    if (!shader) throw new Error('WebGL could not make a shader')
    gl.shaderSource(shader, source)
    gl.compileShader(shader)
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`A map shader did not compile: ${gl.getShaderInfoLog(shader)}`)
    gl.attachShader(program, shader)
  }
  gl.linkProgram(program)
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`The map's shaders did not link: ${gl.getProgramInfoLog(program)}`)
  return program
}
