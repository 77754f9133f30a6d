/**
 * A file path that, when too long, loses its beginning rather than its end (the end says which folder or file it is).
 * The CSS does that with right-to-left direction; the invisible left-to-right marks around the text stop that from
 * also moving the path's leading slash to the other end.
 */
export function PathText({ path, className, testId }: { path: string; className?: string; testId?: string }) {
  return (
    <span className={className ? `path-text ${className}` : 'path-text'} title={path} data-testid={testId}>
      {`\u200e${path}\u200e`}
    </span>
  )
}
