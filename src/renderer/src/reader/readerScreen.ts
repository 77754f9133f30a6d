import { screens } from '../screens/screens'

/** The reader opened on the series of `imageId`, at that slice; `compareImageId`: a second series beside it. */
export interface ReaderParams {
  imageId: number
  compareImageId?: number
}

declare module '../screens/screens' {
  interface ScreenParams {
    reader: ReaderParams
  }
}

/** Opens the reader on an image's series, at that image, with one viewport. */
export function openReader(imageId: number): void {
  screens.open('reader', { imageId, compareImageId: undefined })
}
