import { useMemo, useState } from 'react'
import { AnnotationWorkspace } from '../annotate/AnnotationWorkspace'
import { useCatalogRevision } from '../client/useCatalogRevision'
import { ConnectionBanner } from '../feedback/ConnectionBanner'
import { DropOverlay } from '../imports/DropOverlay'
import { ImportDialog } from '../imports/ImportDialog'
import { useFileDrop } from '../imports/useFileDrop'
import { useImportFlow } from '../imports/useImportFlow'
import { JobBar } from '../jobs/JobBar'
import { useJobs } from '../jobs/useJobs'
import { EmptyLibrary } from '../library/EmptyLibrary'
import { GridToolbar } from '../library/GridToolbar'
import { ImageGrid } from '../library/ImageGrid'
import { DEFAULT_QUERY, isFiltered, queryKey, unfiltered, type LibraryQuery } from '../library/libraryQuery'
import { SelectionBar } from '../library/SelectionBar'
import { Sidebar } from '../library/Sidebar'
import { useImagePages } from '../library/useImagePages'
import { useSelection } from '../library/useSelection'
import { trainingStore, useTrainingState } from '../training/trainingStore'
import { TopBar } from './TopBar'
import { useCatalogSummary } from './useCatalogSummary'
import './app.css'

export function App() {
  const revision = useCatalogRevision()
  const { workspace, stats, labels } = useCatalogSummary(revision)
  const [query, setQuery] = useState<LibraryQuery>(DEFAULT_QUERY)
  const key = queryKey(query)
  const cache = useImagePages(query, revision)
  const selection = useSelection(cache, key)
  const jobs = useJobs()
  const imports = useImportFlow()
  const dragging = useFileDrop(imports.filesDropped)
  // The viewer's position is an index into one query's order, meaningless once the query changes. The image id pins
  // what is shown, as an edit can move the image within (or out of) that order.
  const [viewer, setViewer] = useState<{ key: string; index: number; imageId: number | null } | null>(null)
  const viewerIndex = viewer?.key === key ? viewer.index : null

  const labelColors = useMemo(() => new Map(labels.map((label) => [label.name, label.color])), [labels])
  // Images opened from the classifier view (a confusion-matrix cell) are shown in the workspace over everything.
  const { inspecting } = useTrainingState()
  const gridOwnsKeyboard = viewerIndex === null && imports.dialogPaths === null && inspecting === null

  const closeViewer = () => {
    // Land the keyboard cursor on the image last viewed, so the grid scrolls to where the person got to.
    if (viewerIndex !== null) void selection.select(viewerIndex, 'move')
    setViewer(null)
  }

  return (
    <div className="app">
      <TopBar workspacePath={workspace?.path ?? null} imageCount={stats?.images ?? null} onImport={() => void imports.begin()} />
      <ConnectionBanner />
      <div className="app-body">
        <Sidebar stats={stats} labels={labels} query={query} onQueryChange={setQuery} />
        <main className="library">
          <GridToolbar query={query} total={cache?.total ?? null} predictions={(stats?.predictions?.predicted ?? 0) > 0} onQueryChange={setQuery} />
          <div className="grid-area">
            {cache ? (
              <ImageGrid
                key={key}
                cache={cache}
                selection={selection}
                labelColors={labelColors}
                keyboardActive={gridOwnsKeyboard}
                onOpen={(index) => setViewer({ key, index, imageId: cache.item(index)?.id ?? null })}
                empty={
                  <EmptyLibrary
                    filtered={isFiltered(query)}
                    onImport={() => void imports.begin()}
                    onClearFilter={() => setQuery(unfiltered(query))}
                  />
                }
              />
            ) : (
              <div className="grid-scroll" data-testid="grid" aria-busy="true" />
            )}
            <SelectionBar
              imageIds={selection.ids}
              selectingAll={selection.selectingAll}
              labels={labels}
              predictions={(stats?.predictions?.predicted ?? 0) > 0}
              keyboardActive={gridOwnsKeyboard}
              onClear={selection.clear}
            />
          </div>
        </main>
      </div>
      <JobBar jobs={jobs} />
      {cache && viewer && viewerIndex !== null && (
        <AnnotationWorkspace
          cache={cache}
          index={viewerIndex}
          imageId={viewer.imageId}
          revision={revision}
          labels={labels}
          onNavigate={(index, imageId) => setViewer({ key, index, imageId })}
          onClose={closeViewer}
        />
      )}
      {inspecting && (
        <AnnotationWorkspace
          cache={inspecting.cache}
          index={inspecting.index}
          imageId={inspecting.imageId}
          revision={revision}
          labels={labels}
          onNavigate={trainingStore.inspectAt}
          onClose={trainingStore.stopInspecting}
        />
      )}
      {imports.dialogPaths && (
        // Keyed by its paths so that dropping more files while it is open starts it afresh with them.
        <ImportDialog key={imports.dialogPaths.join('\n')} initialPaths={imports.dialogPaths} onClose={imports.closeDialog} />
      )}
      {dragging && <DropOverlay />}
    </div>
  )
}
