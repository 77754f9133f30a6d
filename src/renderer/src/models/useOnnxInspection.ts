import { useCallback, useEffect, useState } from 'react'
import type { ModelInspection } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formOf, type OnnxForm } from './onnxSettingsForm'

interface Inspected {
  path: string
  inspection: ModelInspection | null
  /** The settings form, filled in with the proposal; null when there is nothing to confirm. */
  form: OnnxForm | null
  problem: string | null
}

export interface OnnxInspectionState {
  /** True while the chosen .onnx file is being read. */
  inspecting: boolean
  inspection: ModelInspection | null
  form: OnnxForm | null
  /** Why the file could not be inspected, in words. */
  problem: string | null
  setForm(form: OnnxForm): void
}

const isOnnxPath = (path: string) => /\.onnx$/i.test(path)

/**
 * Inspects the model path in the field once it names an .onnx file, and keeps the form confirming its proposal. A
 * reply for a path no longer in the field is dropped, so the form always belongs to the file shown.
 */
export function useOnnxInspection(path: string): OnnxInspectionState {
  const client = useClient()
  const wanted = path.trim()
  const [inspected, setInspected] = useState<Inspected | null>(null)

  useEffect(() => {
    if (!isOnnxPath(wanted)) return
    let current = true
    client.api.models.inspect({ path: wanted }).then(
      (inspection) => {
        if (current) setInspected({ path: wanted, inspection, form: inspection.proposal && formOf(inspection.proposal), problem: null })
      },
      (error: unknown) => {
        if (current) setInspected({ path: wanted, inspection: null, form: null, problem: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => {
      current = false
    }
  }, [client, wanted])

  const setForm = useCallback((form: OnnxForm) => setInspected((previous) => previous && { ...previous, form }), [])
  const shown = isOnnxPath(wanted) && inspected?.path === wanted ? inspected : null
  return {
    inspecting: isOnnxPath(wanted) && shown === null,
    inspection: shown?.inspection ?? null,
    form: shown?.form ?? null,
    problem: shown?.problem ?? null,
    setForm,
  }
}
