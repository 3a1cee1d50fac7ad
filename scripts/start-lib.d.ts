// Types for start-lib.js (plain ESM so `npm start` needs no build), for the TypeScript tests.
export const INSTALLER_TIMEOUT_MS: number;

export interface InstallerResult {
  status: number | null;
  signal?: NodeJS.Signals | null;
  stderr?: string | Buffer | null;
  error?: Error & { code?: string };
}

export type LaunchMode =
  { mode: 'electron'; binary: string; notice: string | null } | { mode: 'browser'; reason: string; notice: string };

export function electronBinaryPath(root: string): string | null;
export function electronExecutable(root: string): string | null;
export function installerFailureReason(stderr: string): string | null;
export function describeInstallerFailure(result: InstallerResult, timeoutMs?: number): string;
export function runElectronInstaller(root: string, timeoutMs?: number): InstallerResult;
export function decideLaunchMode(opts: {
  root: string;
  env?: NodeJS.ProcessEnv;
  runInstaller?: (root: string) => InstallerResult;
}): LaunchMode;
export function hasOption(args: readonly string[], name: string): boolean;
export function browserModeArgs(root: string, passThrough: readonly string[]): string[];
export function electronEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
