// Where things live: the per-user data directory and files shipped with the app.
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, whether running from src/ (tests) or dist/ (built). */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const DEMO_CONFIG_PATH = join(APP_ROOT, 'config', 'demo-station.json');
export const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer');

/** Per-user data directory, following each OS's convention. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Packdesk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Packdesk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'packdesk');
}
