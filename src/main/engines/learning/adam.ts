/** Adam (Kingma & Ba) with bias correction, on flat parameter arrays; L2 decay is added to the gradient. */
export class Adam {
  private readonly m: Float32Array[]
  private readonly v: Float32Array[]
  private t = 0
  private readonly beta1 = 0.9
  private readonly beta2 = 0.999
  private readonly epsilon = 1e-7

  constructor(private readonly parameters: Float32Array[]) {
    this.m = parameters.map((part) => new Float32Array(part.length))
    this.v = parameters.map((part) => new Float32Array(part.length))
  }

  apply(gradients: Float32Array[], decay: number[], learningRate: number): void {
    this.t++
    const { beta1, beta2, epsilon } = this
    const rate = (learningRate * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t)
    this.parameters.forEach((params, index) => {
      const grads = gradients[index]!
      const l2 = decay[index] ?? 0
      const m = this.m[index]!
      const v = this.v[index]!
      for (let i = 0; i < params.length; i++) {
        const g = grads[i]! + l2 * params[i]!
        const mi = (m[i] = beta1 * m[i]! + (1 - beta1) * g)
        const vi = (v[i] = beta2 * v[i]! + (1 - beta2) * g * g)
        params[i]! -= (rate * mi) / (Math.sqrt(vi) + epsilon)
      }
    })
  }
}
