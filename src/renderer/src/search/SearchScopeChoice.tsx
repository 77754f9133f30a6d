import { t } from '../i18n/t'
import { RadioChoices } from '../ui/RadioChoices'
import type { SearchScope } from './searchScreen'

interface Props {
  scope: SearchScope
  /** What the library's filter shows ("cat · Reviewed"), or null when it shows every image. */
  libraryFilter: string | null
  onChange(scope: SearchScope): void
}

/** Says, and lets the person choose, which images a search looks among. */
export function SearchScopeChoice({ scope, libraryFilter, onChange }: Props) {
  return (
    <div data-testid="search-scope" data-scope={scope}>
      <RadioChoices
        label={t('search.scope.label')}
        variant="cards"
        choices={[
          { value: 'all', name: t('search.scope.all'), holds: t('search.scope.allHolds') },
          { value: 'library', name: t('search.scope.library'), holds: libraryFilter ?? t('search.scope.noFilter') },
        ]}
        value={scope}
        testId={(value) => `search-scope-${value}`}
        disabled={(value) => value === 'library' && libraryFilter === null}
        onChange={onChange}
      />
    </div>
  )
}
