/** Icon- or CIFAR-sized sources: shown enlarged, their pixels should stay crisp instead of blurring. */
export const isTinySource = (width: number, height: number): boolean => Math.max(width, height) <= 128
