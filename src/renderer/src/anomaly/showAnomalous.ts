import type { LoupeClient } from '../../../shared/api/client'
import { unfiltered } from '../library/libraryQuery'
import type { LibraryView } from '../library/useLibraryView'
import { screens } from '../screens/screens'

/**
 * Shows the version's anomalous images in the library (its "Anomalous" entry, highest score first). The library shows
 * the active version's, so a version that is not active becomes so first.
 */
export async function showAnomalousInLibrary(client: LoupeClient, library: LibraryView, model: { id: number; active: boolean }): Promise<void> {
  if (!model.active) await client.api.anomaly.setActive({ id: model.id })
  library.setQuery({ ...unfiltered(library.query), anomalous: true, sort: 'anomaly', descending: true })
  screens.close('anomaly')
}
