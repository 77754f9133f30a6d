import { screens } from '../screens/screens'
import type { SearchSubject } from './subject'

export type SearchTab = 'similar' | 'duplicates'

/** Which images similar-image searches look among: every one, or those the library's filter shows. */
export type SearchScope = 'all' | 'library'

/** All have defaults: the similar-images tab, with nothing asked yet, among all images. */
export interface SearchParams {
  tab?: SearchTab
  subject?: SearchSubject | null
  scope?: SearchScope
}

declare module '../screens/screens' {
  interface ScreenParams {
    search: SearchParams
  }
}

/** Shows the images that look like `subject`, opening the search view if it is not open yet. */
export function searchSimilar(subject: SearchSubject): void {
  screens.open('search', { tab: 'similar', subject })
}
