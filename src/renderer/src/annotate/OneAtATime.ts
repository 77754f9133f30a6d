/**
 * Runs one request at a time; asked for others meanwhile, it runs only the one asked for last once it is free. A reply
 * to a request made before `forget` is dropped.
 */
export class OneAtATime<K, V> {
  private running: K | null = null
  private waiting: K | null = null
  private generation = 0

  constructor(
    private readonly fetch: (key: K) => Promise<V>,
    private readonly done: (key: K, value: V) => void,
  ) {}

  ask(key: K): void {
    if (this.running === null) this.start(key)
    else this.waiting = key === this.running ? null : key
  }

  forget(): void {
    this.generation++
    this.waiting = null
  }

  private start(key: K): void {
    const generation = this.generation
    this.running = key
    void this.fetch(key)
      .then((value) => {
        if (generation === this.generation) this.done(key, value)
      })
      .finally(() => {
        this.running = null
        const next = this.waiting
        this.waiting = null
        if (next !== null) this.start(next)
      })
  }
}
