/** What each EXIF orientation value means, so the metadata panel can say it in words. */
const ORIENTATIONS: Record<number, string> = {
  1: 'Normal',
  2: 'Mirrored',
  3: 'Rotated 180°',
  4: 'Mirrored, rotated 180°',
  5: 'Mirrored, rotated 90° CCW',
  6: 'Rotated 90° CW',
  7: 'Mirrored, rotated 90° CW',
  8: 'Rotated 90° CCW',
}

export const describeOrientation = (value: number): string => ORIENTATIONS[value] ?? `EXIF ${value}`
