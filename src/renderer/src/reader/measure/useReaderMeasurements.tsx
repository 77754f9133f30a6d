import { useRef, useState } from 'react'
import type { Measurement } from '../../../../shared/api/schemas'
import type { ReaderMeasureSlot, ReaderReading } from '../ReaderView'
import type { MeasureTool } from '../viewportSurface'
import { MeasurementLayer, type MeasurementLayerHandle } from './MeasurementLayer'
import { MeasurementList } from './MeasurementList'
import { MeasureToolbar } from './MeasureToolbar'
import { useMeasureKeys } from './useMeasureKeys'
import { useMeasurements } from './useMeasurements'

const NO_MEASUREMENTS: readonly Measurement[] = []

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
    // The reader asks only the active viewport for its layers. The layer stays mounted as the slices change (one
    // canvas for the whole scroll); while the slice drawn is not yet the one asked for, it shows and takes nothing.
    renderLayers: (surface) => {
      const current = surface.imageId === imageId
      return (
        <MeasurementLayer
          ref={layer}
          surface={surface}
          tool={current ? tool : null}
          measurements={current ? slice.measurements : NO_MEASUREMENTS}
          selectedId={current ? slice.selectedId : null}
          onCreate={slice.create}
          onMove={slice.move}
          onSelect={slice.select}
        />
      )
    },
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
