import { useRef, useState } from 'react'
import type { ReaderMeasureSlot, ReaderReading } from '../ReaderView'
import type { MeasureTool } from '../viewportSurface'
import { MeasurementLayer, type MeasurementLayerHandle } from './MeasurementLayer'
import { MeasurementList } from './MeasurementList'
import { MeasureToolbar } from './MeasureToolbar'
import { useMeasureKeys } from './useMeasureKeys'
import { useMeasurements } from './useMeasurements'

/**
 * The measurement tools in the reader, on the active viewport's slice: the tool chosen, the layer drawn over that
 * slice, the tool group for the reader's toolbar, the series' list beside the viewports, and their keys.
 */
export function useReaderMeasurements(reading: ReaderReading): ReaderMeasureSlot {
  const { imageId } = reading
  const [tool, setTool] = useState<MeasureTool | null>(null)
  const slice = useMeasurements(imageId)
  const layer = useRef<MeasurementLayerHandle>(null)
  const { selectedId } = slice
  const deleteSelected = selectedId === null || imageId === null ? null : () => slice.remove(imageId, [selectedId])

  useMeasureKeys({
    active: reading.keysActive,
    tool,
    setTool,
    hasDraft: () => layer.current?.hasDraft() ?? false,
    cancelDraft: () => layer.current?.cancelDraft(),
    selectedId,
    deselect: () => slice.select(null),
    deleteSelected: () => deleteSelected?.(),
    undo: slice.undo,
    redo: slice.redo,
  })

  return {
    tool,
    // Only the active viewport's slice is measured; a second viewport shows its slice alone.
    renderLayers: (surface) =>
      surface.imageId === imageId ? (
        <MeasurementLayer
          ref={layer}
          surface={surface}
          tool={tool}
          measurements={slice.measurements}
          selectedId={slice.selectedId}
          onCreate={slice.create}
          onMove={slice.move}
          onSelect={slice.select}
        />
      ) : null,
    toolbar: (
      <MeasureToolbar
        tool={tool}
        onTool={setTool}
        canUndo={slice.canUndo}
        canRedo={slice.canRedo}
        onUndo={slice.undo}
        onRedo={slice.redo}
        onDeleteSelected={deleteSelected}
      />
    ),
    side: (
      <MeasurementList
        sliceIds={reading.sliceImageIds}
        revision={slice.revision}
        currentImageId={imageId}
        selectedId={slice.selectedId}
        onOpen={(target, measurementId) => {
          slice.selectOn(target, measurementId)
          reading.goToImage(target)
        }}
        onDelete={(target, measurementId) => slice.remove(target, [measurementId])}
      />
    ),
  }
}
