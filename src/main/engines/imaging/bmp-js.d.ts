// bmp-js ships no types. Pixels in both directions are 4 bytes per pixel in A, B, G, R order.
declare module 'bmp-js' {
  interface BmpImage {
    data: Buffer
    width: number
    height: number
  }
  const bmp: {
    decode(file: Buffer): BmpImage
    encode(image: BmpImage, quality?: number): BmpImage
  }
  export default bmp
}
