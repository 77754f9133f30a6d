import { useId } from 'react'
import { PathText } from '../ui/PathText'
import { FolderBrowser } from './FolderBrowser'
import { newFolderTarget, type NewFolderChoice } from './newFolder'
import '../ui/forms.css'
import './newFolderPicker.css'
import { t } from '../i18n/t'

interface Props {
  value: NewFolderChoice
  onChange(value: NewFolderChoice): void
  /** Marks the fields as wrong once the person has tried to go ahead with a problem. */
  invalid: boolean
  testIds: { location: string; folderName: string; destination?: string }
  /** "Save in" takes the focus when the dialog around the picker opens. */
  autoFocus?: boolean
  /** Says that writing into "Save in" itself needs that folder to be empty. */
  intoMustBeEmpty?: boolean
}

/** "Save in" (typed, or picked in a folder browser on the host's disk) and "New folder", with where that writes. */
export function NewFolderPicker({ value, onChange, invalid, testIds, autoFocus, intoMustBeEmpty }: Props) {
  const id = useId()
  const target = newFolderTarget(value)
  const setLocation = (location: string) => onChange({ ...value, location })
  return (
    <div className="new-folder-picker">
      <div className="new-folder-fields">
        <label className="field-label" htmlFor={`${id}-location`}>
          {t('folders.newFolder.saveIn')}
        </label>
        <label className="field-label" htmlFor={`${id}-name`}>
          {t('folders.newFolder.name')}
        </label>
        <input
          id={`${id}-location`}
          className="text-input path-input"
          spellCheck={false}
          data-autofocus={autoFocus || undefined}
          placeholder={t('folders.newFolder.locationPlaceholder')}
          value={value.location}
          aria-invalid={invalid && value.location.trim() === ''}
          data-testid={testIds.location}
          onChange={(event) => setLocation(event.target.value)}
        />
        <input
          id={`${id}-name`}
          className="text-input path-input"
          spellCheck={false}
          placeholder={t('folders.newFolder.namePlaceholder')}
          value={value.folderName}
          aria-invalid={invalid && value.location.trim() !== ''}
          data-testid={testIds.folderName}
          onChange={(event) => onChange({ ...value, folderName: event.target.value })}
        />
      </div>
      <FolderBrowser
        path={value.location}
        files="none"
        onChoose={setLocation}
        // Start from where the browser opens (home) rather than from an empty field.
        onListed={(dir) => {
          if (value.location.trim() === '') setLocation(dir)
        }}
      />
      <p className="field-hint new-folder-destination" data-testid={testIds.destination}>
        {target === null ? (
          t('folders.newFolder.chooseLocation')
        ) : (
          <>
            <span className="new-folder-destination-lead">
              {value.folderName.trim() !== '' ? t('folders.newFolder.writesNew') : intoMustBeEmpty ? t('folders.newFolder.writesIntoEmpty') : t('folders.newFolder.writesInto')}
            </span>
            <PathText className="new-folder-destination-path" path={target} />
          </>
        )}
      </p>
    </div>
  )
}
