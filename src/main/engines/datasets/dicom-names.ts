import { withoutExtension } from '../formats'

/**
 * What an annotation export calls a DICOM image: the PNG it writes for it when images are exported, named after the
 * file, `scan.png`, or `scan_frame3.png` for the third frame of a multi-frame file. The name is the same whether or
 * not the PNG is written, so that label files (`scan_frame3.txt`, `scan_frame3.xml`) always pair with it, and
 * importing annotations finds the frame by it when a format (YOLO) keeps nothing else.
 */
export function dicomImageName(relativePath: string, frame: number, frameCount: number): string {
  const stem = withoutExtension(relativePath)
  return frameCount > 1 ? `${stem}_frame${frame + 1}.png` : `${stem}.png`
}
