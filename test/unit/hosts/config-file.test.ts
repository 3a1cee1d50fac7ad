// Config files hold the station's hub token: written readable by the owner only, backup included.
import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile, writeConfigFile } from '../../../src/hosts/station/config-file.js';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('writeConfigFile', () => {
  it('writes the file and its .bak as 0600, even over a world-readable file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'packdesk-cfg-')), 'station.json');
    writeFileSync(file, '{"hub":{"token":"old"}}');
    chmodSync(file, 0o644);
    writeConfigFile(file, { hub: { token: 'new' } });
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}.bak`)).toBe(0o600);
    expect(readJsonFile(file)).toEqual({ hub: { token: 'new' } });
    expect(readJsonFile(`${file}.bak`)).toEqual({ hub: { token: 'old' } });
  });

  it('creates a new file as 0600', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'packdesk-cfg-')), 'station.json');
    writeConfigFile(file, { a: 1 });
    expect(mode(file)).toBe(0o600);
  });
});
