import { useEffect, useRef } from 'react'

/** Keeps the decoded image the canvas draws in the document (hidden), so its load state can be inspected. */
export function ImageElementMount({ element }: { element: HTMLImageElement | null }) {
  const ref = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    const holder = ref.current
    if (!holder) return
    if (element) holder.replaceChildren(element)
    else holder.replaceChildren()
  }, [element])
  return <span ref={ref} className="stage-source" hidden />
}
