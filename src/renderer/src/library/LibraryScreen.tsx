import { useMemo } from 'react'
import type { CatalogStats, Label } from '../../../shared/api/schemas'
import { openReader } from '../reader/readerScreen'
import { screens } from '../screens/screens'
import { EmptyLibrary } from './EmptyLibrary'
import { GridToolbar } from './GridToolbar'
import { ImageGrid } from './ImageGrid'
import { isFiltered, unfiltered } from './libraryQuery'
import { SelectionBar } from './SelectionBar'
import { ShownImagesBanner } from './ShownImagesBanner'
import { Sidebar } from './Sidebar'
import type { LibraryView } from './useLibraryView'
import './library.css'

interface Props {
  view: LibraryView
  stats: CatalogStats | null
  labels: readonly Label[]
  /** Nothing is over the library and no dialog is open: its keyboard shortcuts are live. */
  keyboardActive: boolean
  onImport(): void
}

/** The library: filters on the left, the grid of images, and what can be done to those selected. */
export function LibraryScreen({ view, stats, labels, keyboardActive, onImport }: Props) {
  const { query, setQuery, key, cache, selection } = view
  const labelColors = useMemo(() => new Map(labels.map((label) => [label.name, label.color])), [labels])
  const predictions = (stats?.predictions?.predicted ?? 0) > 0

  return (
    <div className="library-screen">
      <Sidebar stats={stats} labels={labels} query={query} onQueryChange={setQuery} />
      <main className="library">
        <GridToolbar
          query={query}
          total={cache?.total ?? null}
          predictions={predictions}
          anomalyScores={Boolean(stats?.anomaly)}
          onQueryChange={setQuery}
        />
        <ShownImagesBanner query={query} onQueryChange={setQuery} />
        <div className="grid-area">
          {cache ? (
            <ImageGrid
              key={key}
              cache={cache}
              selection={selection}
              labelColors={labelColors}
              keyboardActive={keyboardActive}
              onOpen={(index) => {
                const image = cache.item(index)
                // A DICOM image is read in its series (scroll, window, measure); the reader's Annotate leads on to boxes.
                if (image?.format === 'dicom') openReader(image.id)
                else screens.open('annotate', { images: { from: 'library', queryKey: key }, index, imageId: image?.id ?? null })
              }}
              empty={<EmptyLibrary filtered={isFiltered(query)} onImport={onImport} onClearFilter={() => setQuery(unfiltered(query))} />}
            />
          ) : (
            <div className="grid-scroll" data-testid="grid" aria-busy="true" />
          )}
          <SelectionBar
            imageIds={selection.ids}
            selectingAll={selection.selectingAll}
            labels={labels}
            predictions={predictions}
            keyboardActive={keyboardActive}
            onClear={selection.clear}
          />
        </div>
      </main>
    </div>
  )
}
