import { FormatError } from '../../../../src/main/engines/formats'

/** The FormatError `fn` throws; any other outcome fails the test. */
export function problemsOf(fn: () => unknown): FormatError {
  try {
    fn()
  } catch (error) {
    if (error instanceof FormatError) return error
    throw error
  }
  throw new Error('expected a FormatError')
}
