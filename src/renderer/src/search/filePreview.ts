/** The preview URL of the file searched for last; a search has one subject, so only its file needs a preview. */
let latest: string | null = null

/** A URL to show a file dropped or chosen as the question by; the previous file's is let go. */
export function previewUrlFor(file: Blob): string {
  if (latest !== null) URL.revokeObjectURL(latest)
  latest = URL.createObjectURL(file)
  return latest
}
