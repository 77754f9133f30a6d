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
        label="Search among"
        variant="cards"
        choices={[
          { value: 'all', name: 'All images', holds: 'Every indexed image in the catalogue' },
          { value: 'library', name: 'Images matching the library filter', holds: libraryFilter ?? 'No filter is set in the library' },
        ]}
        value={scope}
        testId={(value) => `search-scope-${value}`}
        disabled={(value) => value === 'library' && libraryFilter === null}
        onChange={onChange}
      />
    </div>
  )
}
