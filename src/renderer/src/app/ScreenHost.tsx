import { Fragment } from 'react'
import { screens } from '../screens/screens'
import { screenView, type ScreenContext } from './screenViews'

interface Props extends Omit<ScreenContext, 'covered' | 'active'> {
  /** A dialog of the app's (the import dialog) is open over the screens and has the keyboard. */
  dialogOpen: boolean
}

/**
 * The one place screens are mounted: the library at the bottom, then each screen opened over it. A screen stays
 * mounted while others cover it, so it keeps its place; only the one on top has the keyboard.
 */
export function ScreenHost({ dialogOpen, ...app }: Props) {
  const stack = screens.useStack()
  return stack.map((screen, depth) => {
    const covered = depth < stack.length - 1
    return <Fragment key={screen.id}>{screenView(screen, { ...app, covered, active: !covered && !dialogOpen })}</Fragment>
  })
}
