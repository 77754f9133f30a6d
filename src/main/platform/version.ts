import packageJson from '../../../package.json' with { type: 'json' }

/** The package version; imported (not read at run time) so the bundled main process has it too. */
export const APP_VERSION: string = packageJson.version
