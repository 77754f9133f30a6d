import { useMemo } from 'react'
import { useSeriesTree } from '../catalog/useSeriesTree'

/**
 * Whether any selected image is a DICOM image. The grid's pages don't say which images are, so the answer comes from
 * the series tree (every DICOM image's id), fetched once and again only after imports and removals.
 */
export function useSelectionHasDicom(imageIds: ReadonlySet<number>): boolean {
  const { patients } = useSeriesTree()
  const dicomIds = useMemo(() => {
    const ids = new Set<number>()
    for (const patient of patients ?? [])
      for (const study of patient.studies) for (const series of study.series) for (const image of series.images) ids.add(image.imageId)
    return ids
  }, [patients])
  return useMemo(() => {
    if (dicomIds.size === 0) return false
    for (const id of imageIds) if (dicomIds.has(id)) return true
    return false
  }, [dicomIds, imageIds])
}
