// Types of build-cli.js (plain JavaScript so that bin/loupe.js can run it before any TypeScript loader), for tests.
export declare const ENTRY: string
export declare function sourceStamp(root: string): string
export declare function cliBuildDir(root: string, stamp?: string): string
export declare function buildCli(root: string): Promise<string>
