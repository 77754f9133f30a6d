import { useCatalogRevision } from '../client/useCatalogRevision'
import { ConnectionBanner } from '../feedback/ConnectionBanner'
import { DropOverlay } from '../imports/DropOverlay'
import { ImportDialog } from '../imports/ImportDialog'
import { useFileDrop } from '../imports/useFileDrop'
import { useImportFlow } from '../imports/useImportFlow'
import { JobBar } from '../jobs/JobBar'
import { useJobs } from '../jobs/useJobs'
import { describeFilter, isFiltered } from '../library/libraryQuery'
import { useLibraryView } from '../library/useLibraryView'
import { FirstRunModelDialog } from '../models/FirstRunModelDialog'
import { ScreenHost } from './ScreenHost'
import { TopBar } from './TopBar'
import { useCatalogSummary } from './useCatalogSummary'
import './app.css'

export function App() {
  const revision = useCatalogRevision()
  const { workspace, stats, labels } = useCatalogSummary(revision)
  const library = useLibraryView(revision)
  const jobs = useJobs()
  const imports = useImportFlow()
  const dragging = useFileDrop(imports.filesDropped)
  const beginImport = () => void imports.begin()

  return (
    <div className="app">
      <TopBar
        workspacePath={workspace?.path ?? null}
        imageCount={stats?.images ?? null}
        selection={library.selection.ids}
        libraryFilter={isFiltered(library.query) ? { filter: library.filter, description: describeFilter(library.query), count: library.cache?.total ?? null } : null}
        onImport={beginImport}
      />
      <ConnectionBanner />
      <ScreenHost
        library={library}
        stats={stats}
        labels={labels}
        revision={revision}
        dialogOpen={imports.dialogPaths !== null}
        onImport={beginImport}
      />
      <JobBar jobs={jobs} />
      {imports.dialogPaths && (
        // Keyed by its paths so that dropping more files while it is open starts it afresh with them.
        <ImportDialog key={imports.dialogPaths.join('\n')} initialPaths={imports.dialogPaths} onClose={imports.closeDialog} />
      )}
      {dragging && <DropOverlay />}
      <FirstRunModelDialog />
    </div>
  )
}
