import type { ReactNode } from 'react'
import type { CatalogStats, Label } from '../../../shared/api/schemas'
import { AnomalyView } from '../anomaly/AnomalyView'
import { DetectorView } from '../detector/DetectorView'
import { LibraryScreen } from '../library/LibraryScreen'
import { MapView } from '../map/MapView'
import { useReaderMeasurements } from '../reader/measure/useReaderMeasurements'
import { ReaderView } from '../reader/ReaderView'
import type { LibraryView } from '../library/useLibraryView'
import type { ScreenId, ScreenParams } from '../screens/screens'
import { SearchView } from '../search/SearchView'
import { TrainingView } from '../training/TrainingView'
import { AnnotateScreen } from './AnnotateScreen'

/** What the views of the screens take from the app around them. */
export interface ScreenContext {
  library: LibraryView
  stats: CatalogStats | null
  labels: readonly Label[]
  revision: number
  /** Another screen was opened over this one. */
  covered: boolean
  /** Nothing covers this screen and no dialog is open: its keyboard shortcuts are live. */
  active: boolean
  onImport(): void
}

type ScreenView<Id extends ScreenId> = (params: ScreenParams[Id], context: ScreenContext) => ReactNode

/** The view of every screen. A screen added to ScreenParams without a view here does not compile. */
const SCREEN_VIEWS: { [Id in ScreenId]: ScreenView<Id> } = {
  library: (_, { library, stats, labels, active, onImport }) => (
    <LibraryScreen view={library} stats={stats} labels={labels} keyboardActive={active} onImport={onImport} />
  ),
  annotate: (params, { library, labels, revision }) => <AnnotateScreen params={params} library={library} labels={labels} revision={revision} />,
  search: (params, { library, labels, stats, covered }) => (
    <SearchView params={params} library={library} labels={labels} predictions={(stats?.predictions?.predicted ?? 0) > 0} covered={covered} />
  ),
  training: (params, { covered }) => <TrainingView params={params} covered={covered} />,
  anomaly: (params, { library, labels, covered }) => <AnomalyView params={params} library={library} labels={labels} covered={covered} />,
  detector: (params, { library, covered }) => <DetectorView params={params} library={library} covered={covered} />,
  map: (_, { library, labels, stats, covered }) => (
    <MapView library={library} labels={labels} predictions={(stats?.predictions?.predicted ?? 0) > 0} covered={covered} />
  ),
  reader: (params, { active }) => <ReaderView params={params} active={active} measure={useReaderMeasurements} />,
}

export function screenView<Id extends ScreenId>(screen: { id: Id; params: ScreenParams[Id] }, context: ScreenContext): ReactNode {
  return SCREEN_VIEWS[screen.id](screen.params, context)
}
