import type { LoupeHandlers } from '../../../shared/api/contract'
import { APP_VERSION } from '../../platform/version'
import type { Workspace } from '../../platform/workspace/workspace'

export function workspaceHandlers(workspace: Workspace): LoupeHandlers['workspace'] {
  return {
    info: () => ({ path: workspace.dir, schemaVersion: workspace.schemaVersion, appVersion: APP_VERSION }),
  }
}
