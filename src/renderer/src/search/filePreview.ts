/** The preview URL of the file searched for last; a search has one subject, so only its file needs a preview. */
let latest: string | null = null

/** A URL to show a file dropped or chosen as the question by; the previous file's is let go. */
export function previewUrlFor(file: Blob): string {
  if (latest !== null) URL.revokeObjectURL(latest)
  latest = URL.createObjectURL(file)
  return latest
}

/** The picture's size in pixels as the browser shows it (EXIF orientation applied, as Loupe's own decoding does); 0 × 0 when it cannot. */
export async function pictureSize(url: string): Promise<{ width: number; height: number }> {
  const image = new Image()
  image.src = url
  try {
    await image.decode()
    return { width: image.naturalWidth, height: image.naturalHeight }
  } catch {
    return { width: 0, height: 0 }
  }
}
