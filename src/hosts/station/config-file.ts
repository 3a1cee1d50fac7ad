// Reading a JSON config file into a validated object, with errors a person can act on.
import { chmodSync, copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { formatProblems } from '../../contract/validation.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Line and column of a character offset, for JSON syntax errors. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: cannot read the config file (${code ?? String(err)})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(msg);
    const where = at?.[1] ? ` at ${position(text, Number(at[1]))}` : '';
    throw new ConfigError(`${file}: not valid JSON${where}: ${msg}`);
  }
}

export function loadConfigFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const raw = readJsonFile(file);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(formatProblems(file, parsed.error, raw));
  return parsed.data;
}

/**
 * Writes a config file atomically (temp file + rename) and keeps the previous one as FILE.bak, so a
 * crash mid-write never leaves a half file and a bad change can be undone by hand. Both are
 * readable by their owner only (0600): they hold the station's hub token.
 */
export function writeConfigFile(file: string, value: unknown): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: OWNER_ONLY });
  chmodSync(tmp, OWNER_ONLY); // the mode option is ignored when the file exists already
  if (existsSync(file)) {
    copyFileSync(file, `${file}.bak`);
    chmodSync(`${file}.bak`, OWNER_ONLY);
  }
  renameSync(tmp, file);
}

const OWNER_ONLY = 0o600;
