import { useMemo, useState } from 'react'
import { MAP_COLOUR_BY, type Label, type MapColourBy } from '../../../shared/api/schemas'
import { annotateList } from '../annotate/annotateScreen'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { SelectionBar } from '../library/SelectionBar'
import type { LibraryView } from '../library/useLibraryView'
import { screens } from '../screens/screens'
import { FullWindowView } from '../ui/FullWindowView'
import { useWindowKeydown } from '../ui/useWindowKeydown'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'
import { colourPoints } from './colours'
import { MapCanvas } from './MapCanvas'
import type { MapTool } from './mapController'
import { MapLegend } from './MapLegend'
import { MapStatusLine } from './MapStatusLine'
import { useMapData } from './useMapData'
import './map.css'

const COLOUR_NAMES: Record<MapColourBy, MessageKey> = {
  class: 'map.colourBy.class',
  prediction: 'map.colourBy.prediction',
  confidence: 'map.colourBy.confidence',
  status: 'map.colourBy.status',
  anomaly: 'map.colourBy.anomaly',
  detection: 'map.colourBy.detection',
}

/** Where an attribute's values come from (a classifier, an anomaly model, a detector), and what to say without one. */
const SOURCES: Partial<Record<MapColourBy, { named: MessageKey; none: MessageKey }>> = {
  prediction: { named: 'map.source.classifier', none: 'map.source.noClassifier' },
  confidence: { named: 'map.source.classifier', none: 'map.source.noClassifier' },
  anomaly: { named: 'map.source.anomalyModel', none: 'map.source.noAnomalyModel' },
  detection: { named: 'map.source.detector', none: 'map.source.noDetector' },
}

const TOOLS: ReadonlyArray<{ tool: MapTool; name: MessageKey; hint: MessageKey }> = [
  { tool: 'pan', name: 'map.tools.pan', hint: 'map.tools.panHint' },
  { tool: 'box', name: 'map.tools.box', hint: 'map.tools.boxHint' },
  { tool: 'lasso', name: 'map.tools.lasso', hint: 'map.tools.lassoHint' },
]

/** No point selected (one array, so memos over the selection hold). */
const NOTHING: number[] = []

/** The most images Open steps through in the annotation workspace. */
const OPEN_AT_MOST = 1000

interface Props {
  library: LibraryView
  labels: readonly Label[]
  predictions: boolean
  /** Another screen (the annotation workspace) is open over this one. */
  covered: boolean
}

/**
 * The active model's embedding map over the whole window: every image a point, coloured by an attribute; hover
 * shows one, a box or lasso selects some, to label, open, search from or show in the library.
 */
export function MapView({ library, labels, predictions, covered }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [by, setBy] = useState<MapColourBy>('class')
  const [tool, setTool] = useState<MapTool>('pan')
  const [fitRequest, setFitRequest] = useState(0)
  const { status, points, colours, problem } = useMapData(by)
  const [selection, setSelection] = useState<{ points: unknown; indices: number[] }>({ points: null, indices: [] })
  const [hovered, setHovered] = useState<{ index: number; x: number; y: number } | null>(null)

  // A selection belongs to the points it was made on.
  const selected = selection.points === points ? selection.indices : NOTHING
  const selectedIds = useMemo(() => new Set(points ? selected.map((i) => points.imageIds[i]!) : []), [points, selected])
  const coloured = useMemo(() => (colours ? colourPoints(colours) : null), [colours])
  const clear = () => setSelection({ points, indices: [] })

  useWindowKeydown(!covered && selected.length > 0, (event) => {
    if (event.key !== 'Escape') return
    // Esc clears the selection before it closes the view.
    event.preventDefault()
    event.stopPropagation()
    clear()
  }, true)

  const open = async (imageIds: readonly number[]) => {
    try {
      const page = await client.api.catalog.listImages({ filter: { imageIds: imageIds.slice(0, OPEN_AT_MOST) }, limit: OPEN_AT_MOST })
      await annotateList(page.items, 0, reportError)
    } catch (error) {
      reportError(error)
    }
  }
  const showInLibrary = () => {
    library.showImages([...selectedIds], t('map.selection.shownFrom'))
    screens.close('map')
  }

  return (
    <FullWindowView title={t('map.view.title')} className="map-view" testId="map" tabs={[]} tab="map" onTab={() => undefined} onClose={() => screens.close('map')} stepsAside={covered}>
      {status && <MapStatusLine status={status} />}
      {problem !== null && (
        <p className="map-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="map-toolbar">
        <label className="map-colour-by">
          {t('map.colourBy.label')}{' '}
          <select value={by} data-testid="map-colour-by" onChange={(event) => setBy(event.target.value as MapColourBy)}>
            {MAP_COLOUR_BY.map((option) => (
              <option key={option} value={option}>
                {t(COLOUR_NAMES[option])}
              </option>
            ))}
          </select>
        </label>
        {colours && SOURCES[colours.by] && (
          <span className="field-hint" data-testid="map-colour-source">
            {colours.source === null ? t(SOURCES[colours.by]!.none) : t(SOURCES[colours.by]!.named, { source: colours.source })}
          </span>
        )}
        <div className="map-tools" role="radiogroup" aria-label={t('map.tools.label')}>
          {TOOLS.map((entry) => (
            <button
              key={entry.tool}
              type="button"
              role="radio"
              aria-checked={tool === entry.tool}
              className={tool === entry.tool ? 'button is-active' : 'button'}
              title={t(entry.hint)}
              data-testid={`map-tool-${entry.tool}`}
              onClick={() => setTool(entry.tool)}
            >
              {t(entry.name)}
            </button>
          ))}
        </div>
        <button type="button" className="button" data-testid="map-fit" title={t('map.fit.title')} onClick={() => setFitRequest((n) => n + 1)}>
          {t('map.fit.button')}
        </button>
      </div>
      <div className="map-body">
        {points && points.xs.length > 0 ? (
          <MapCanvas
            points={points}
            rgb={coloured?.rgb ?? null}
            selection={selected}
            tool={tool}
            fitRequest={fitRequest}
            onHover={(index, at) => setHovered(index === null ? null : { index, ...at })}
            onSelect={(indices) => setSelection({ points, indices })}
            onOpen={(index) => void open([points.imageIds[index]!])}
          />
        ) : (
          <p className="map-empty" data-testid="map-empty">
            {status?.laidOut === false ? t('map.empty.noLayout') : t('map.empty.noPoints')}
          </p>
        )}
        {points && hovered && points.imageIds[hovered.index] !== undefined && (
          <div className="map-tooltip" data-testid="map-tooltip" style={{ left: hovered.x + 14, top: hovered.y + 14 }}>
            <img src={client.mediaUrl('thumb', points.imageIds[hovered.index]!)} alt="" />
            <span data-testid="map-tooltip-name">{points.fileNames[hovered.index]}</span>
          </div>
        )}
        {coloured && <MapLegend by={by} legend={coloured.legend} />}
      </div>
      <SelectionBar imageIds={selectedIds} selectingAll={false} labels={labels} predictions={predictions} keyboardActive={false} onClear={clear}>
        <button type="button" className="button" data-testid="map-open" title={t('map.selection.openTitle')} onClick={() => void open([...selectedIds])}>
          {t('map.selection.open')}
        </button>
        <button type="button" className="button" data-testid="map-show-in-library" title={t('map.selection.showInLibraryTitle')} onClick={showInLibrary}>
          {t('map.selection.showInLibrary')}
        </button>
      </SelectionBar>
    </FullWindowView>
  )
}
