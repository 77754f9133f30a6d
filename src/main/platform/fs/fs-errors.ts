/** What an operating-system error means, in words a person understands (never a bare errno code). */
const MEANINGS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENOTDIR: 'a file stands where a folder is expected',
  EISDIR: 'this is a folder, not a file',
  EEXIST: 'something with this name already exists',
  ENOTEMPTY: 'the folder is not empty',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'the file is in use',
  EIO: 'the disk could not be read or written',
  EXDEV: 'it cannot be moved across disks',
  EINVAL: 'the operating system refused it',
}

export function describeFsError(error: NodeJS.ErrnoException): string {
  const meaning = error.code === undefined ? undefined : MEANINGS[error.code]
  if (meaning) return meaning
  // An unknown code: keep Node's description but drop the leading "ECODE: " and the trailing "syscall 'path'".
  return error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')
}

/** A sentence for a failed file operation on `path`, for errors shown to people. */
export function fsErrorSentence(error: unknown, action: string, path: string): string {
  const reason = isErrnoException(error) ? describeFsError(error) : error instanceof Error ? error.message : String(error)
  return `Could not ${action} ${path}: ${reason}.`
}

export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
}
