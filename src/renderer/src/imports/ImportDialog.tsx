import { useId, useState } from 'react'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { FolderBrowser } from '../folders/FolderBrowser'
import { Dialog } from '../ui/Dialog'
import { HintedCheckbox } from '../ui/HintedCheckbox'
import { RadioChoices } from '../ui/RadioChoices'
import { ANNOTATIONS_FIELD, CONTENTS_OPTIONS, planImport, readsAnnotations, type FolderContents } from './importForm'
import './imports.css'
import { t } from '../i18n/t'

interface Props {
  /** Paths chosen before the dialog opened: from the native picker or dropped onto the window. */
  initialPaths: readonly string[]
  onClose(): void
}

/** The field the folder browser fills in: the images to import, or the annotations that come with them. */
type BrowseTarget = 'images' | 'annotations'

const parsePaths = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/** The choice of what the folder holds keeps the test hook the former "folder names as labels" checkbox had. */
const contentsTestId = (value: FolderContents) => (value === 'folders' ? 'import-labels-from-folders' : `import-contents-${value}`)

export function ImportDialog({ initialPaths, onClose }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [text, setText] = useState(initialPaths.join('\n'))
  const [contents, setContents] = useState<FolderContents>('images')
  const [annotationsPath, setAnnotationsPath] = useState('')
  const [yoloClasses, setYoloClasses] = useState('')
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [browseFor, setBrowseFor] = useState<BrowseTarget>('images')
  // Problems are pointed out once the person tries to import, then kept up to date as they fix them.
  const [tried, setTried] = useState(false)
  const [starting, setStarting] = useState(false)
  const id = useId()
  const paths = parsePaths(text)
  const form = { paths, contents, annotationsPath, yoloClasses, skipInvalid }
  const plan = planImport(form)
  const annotationsField = ANNOTATIONS_FIELD[contents]
  const withAnnotations = readsAnnotations(form)
  const option = CONTENTS_OPTIONS.find((candidate) => candidate.value === contents)
  const target: BrowseTarget = annotationsField ? browseFor : 'images'
  const problem = tried && paths.length > 0 && !plan.ok ? plan.problem : null
  const annotationsProblem = problem !== null && annotationsField !== undefined && paths.length === 1

  const start = async () => {
    if (paths.length === 0 || starting) return
    setTried(true)
    if (!plan.ok) return
    setStarting(true)
    try {
      await client.api.imports.start(plan.request)
      onClose()
    } catch (error) {
      reportError(error)
      setStarting(false)
    }
  }

  const chooseContents = (value: FolderContents) => {
    setContents(value)
    // Once the images are chosen, the next thing to find is the annotations.
    setBrowseFor(ANNOTATIONS_FIELD[value] && paths.length === 1 ? 'annotations' : 'images')
  }

  const single = paths.length === 1 ? (paths[0] ?? '') : ''
  const browserPath = target === 'images' ? single : annotationsPath.trim() || single

  return (
    <Dialog
      title={t('imports.dialog.title')}
      className="import-dialog"
      testId="import-dialog"
      onClose={onClose}
      onSubmit={() => void start()}
      footer={
        <>
          {problem && (
            <p className="dialog-problem" role="alert" data-testid="import-problem">
              {problem}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            {t('imports.dialog.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={paths.length === 0 || starting || problem !== null}
            data-testid="import-submit"
          >
            {starting ? t('imports.dialog.starting') : paths.length > 1 ? t('imports.dialog.importPaths', { count: paths.length }) : t('imports.dialog.import')}
          </button>
        </>
      }
    >
      <div className="dialog-body">
        <label className="field-label" htmlFor={`${id}-paths`}>
          {t('imports.dialog.pathsLabel')}
        </label>
        <textarea
          id={`${id}-paths`}
          className="text-input path-input"
          rows={Math.min(4, Math.max(1, paths.length))}
          spellCheck={false}
          data-autofocus
          placeholder={t('imports.dialog.pathsPlaceholder')}
          value={text}
          aria-invalid={problem !== null && !annotationsProblem}
          data-testid="import-path-input"
          onChange={(event) => setText(event.target.value)}
          onFocus={() => setBrowseFor('images')}
          onKeyDown={(event) => {
            // Enter imports, as in a one-line field; Shift+Enter adds another path on a new line.
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              void start()
            }
          }}
        />
        <p className="field-hint">{t('imports.dialog.pathsHint')}</p>

        <RadioChoices
          label={t('imports.dialog.contents')}
          variant="segmented"
          choices={CONTENTS_OPTIONS}
          value={contents}
          testId={contentsTestId}
          onChange={chooseContents}
        >
          <p className="field-hint" data-testid="import-contents-hint">
            {contents === 'folders' && paths.length > 1
              ? t('imports.dialog.severalFolders')
              : option?.hint}
          </p>
        </RadioChoices>

        {annotationsField && (
          <div className="annotation-fields">
            <label className="field-label" htmlFor={`${id}-annotations`}>
              {annotationsField.label}
              {contents !== 'coco' && <span className="optional"> {t('imports.dialog.optional')}</span>}
            </label>
            <input
              id={`${id}-annotations`}
              className="text-input path-input"
              spellCheck={false}
              placeholder={annotationsField.placeholder}
              value={annotationsPath}
              aria-invalid={annotationsProblem}
              data-testid="import-annotations-input"
              onChange={(event) => setAnnotationsPath(event.target.value)}
              onFocus={() => setBrowseFor('annotations')}
            />
            <p className="field-hint">{annotationsField.hint}</p>
            {contents === 'yolo' && (
              <>
                <label className="field-label" htmlFor={`${id}-classes`}>
                  {t('imports.dialog.classNames')} <span className="optional">{t('imports.dialog.optional')}</span>
                </label>
                <input
                  id={`${id}-classes`}
                  className="text-input"
                  spellCheck={false}
                  placeholder={t('imports.dialog.classNamesPlaceholder')}
                  value={yoloClasses}
                  data-testid="import-yolo-classes"
                  onChange={(event) => setYoloClasses(event.target.value)}
                />
                <p className="field-hint">{t('imports.dialog.classNamesHint')}</p>
              </>
            )}
          </div>
        )}

        <div className="browser-area">
          {annotationsField && (
            <div className="browse-for" role="group" aria-label={t('imports.dialog.browseFor')}>
              <span>{t('imports.dialog.browseFor')}</span>
              <button
                type="button"
                className={target === 'images' ? 'browse-for-option is-active' : 'browse-for-option'}
                aria-pressed={target === 'images'}
                data-testid="browse-for-images"
                onClick={() => setBrowseFor('images')}
              >
                {t('imports.dialog.browseImages')}
              </button>
              <button
                type="button"
                className={target === 'annotations' ? 'browse-for-option is-active' : 'browse-for-option'}
                aria-pressed={target === 'annotations'}
                data-testid="browse-for-annotations"
                onClick={() => setBrowseFor('annotations')}
              >
                {contents === 'coco' ? t('imports.dialog.browseAnnotationsFile') : t('imports.dialog.browseAnnotationsFolder')}
              </button>
            </div>
          )}
          <FolderBrowser
            path={browserPath}
            files={target === 'images' ? 'images' : contents === 'coco' ? 'json' : 'none'}
            chooseFolders={target === 'images' || contents !== 'coco'}
            onChoose={target === 'images' ? setText : setAnnotationsPath}
          />
        </div>

        {withAnnotations && (
          <HintedCheckbox
            checked={skipInvalid}
            label={t('imports.dialog.skipInvalid')}
            hint={t('imports.dialog.skipInvalidHint')}
            testId="import-skip-invalid"
            onChange={setSkipInvalid}
          />
        )}
      </div>
    </Dialog>
  )
}
