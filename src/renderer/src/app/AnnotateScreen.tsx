import type { Label } from '../../../shared/api/schemas'
import type { AnnotateParams } from '../annotate/annotateScreen'
import { AnnotationWorkspace } from '../annotate/AnnotationWorkspace'
import type { LibraryView } from '../library/useLibraryView'
import { screens } from '../screens/screens'

interface Props {
  params: AnnotateParams
  library: LibraryView
  labels: readonly Label[]
  revision: number
}

/** The annotation workspace over the images it was opened on: the library's current order, or a list of their own. */
export function AnnotateScreen({ params: { images, index, imageId }, library, labels, revision }: Props) {
  const fromLibrary = images.from === 'library'
  // A position in the library's order means nothing under another query: the workspace waits for the query to return.
  const cache = fromLibrary ? (images.queryKey === library.key ? library.cache : null) : images.cache
  if (!cache) return null
  // Opened on what the box detector found: the library's "Found by detector", or its worst images.
  const showDetections = fromLibrary ? library.query.detected !== undefined : images.detections === true

  const close = () => {
    // Land the keyboard cursor on the image last viewed, so the grid scrolls to where the person got to.
    if (fromLibrary) void library.selection.select(index, 'move')
    screens.close('annotate')
  }

  return (
    <AnnotationWorkspace
      cache={cache}
      index={index}
      imageId={imageId}
      revision={revision}
      labels={labels}
      showDetections={showDetections}
      onNavigate={(next, nextImageId) => screens.update('annotate', { index: next, imageId: nextImageId })}
      onClose={close}
    />
  )
}
