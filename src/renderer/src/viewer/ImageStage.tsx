import { useState } from 'react'
import { useClient } from '../client/ClientContext'
import { isTinySource } from '../ui/tinySource'

/**
 * The large image. The thumbnail (already cached from the grid) is shown underneath at once, so stepping through
 * images never flashes an empty stage while the full-size file decodes.
 */
interface Props {
  imageId: number
  width: number
  height: number
  missing: boolean
}

export function ImageStage({ imageId, width, height, missing }: Props) {
  const client = useClient()
  const [state, setState] = useState<'loading' | 'loaded' | 'failed'>('loading')
  return (
    <div className={isTinySource(width, height) ? 'viewer-stage is-tiny-source' : 'viewer-stage'} data-state={state}>
      {state !== 'loaded' && <img className="stage-image stage-preview" src={client.mediaUrl('thumb', imageId)} alt="" />}
      {state !== 'failed' && (
        <img
          className="stage-image"
          src={client.mediaUrl('image', imageId)}
          alt=""
          decoding="async"
          data-testid="viewer-image"
          onLoad={() => setState('loaded')}
          onError={() => setState('failed')}
        />
      )}
      {state === 'failed' && (
        <p className="stage-message">
          {missing ? 'The file is missing from where it was imported, so only its thumbnail can be shown.' : 'This image could not be displayed.'}
        </p>
      )}
    </div>
  )
}
