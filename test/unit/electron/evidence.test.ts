// The Electron shell's evidence files (electron mocked): the packdesk-evidence scheme serves clips
// with byte ranges for <video> seeking and stills whole, answers plainly for unknown or deleted
// files, and an export link becomes a save dialog that writes the zip where the supervisor chose.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  EVIDENCE_SCHEME,
  evidenceResponder,
  handleExportDownloads,
  registerEvidenceScheme,
  type EvidenceSource,
} from '../../../src/hosts/electron/evidence.js';
import { FakeSession } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).fakeElectron());

const dir = mkdtempSync(join(tmpdir(), 'packdesk-electron-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clip = join(dir, 'clip-top.mp4');
writeFileSync(clip, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));

const source: EvidenceSource = {
  filePath: (id) => (id === 7 ? { path: clip, type: 'video/mp4' } : null),
  exportZip: (packId) => (packId === 'PK-1' ? { name: 'O-1-PK-1.zip', data: Buffer.from('PK zip bytes') } : null),
};
const respond = evidenceResponder(() => source);
const get = (path: string, headers: Record<string, string> = {}) =>
  respond(new Request(`packdesk-evidence://station${path}`, { headers }));

describe('evidence scheme', () => {
  it('is declared privileged, streaming and secure before the app is ready', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerEvidenceScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: EVIDENCE_SCHEME,
        privileges: expect.objectContaining({ stream: true, secure: true, standard: true }),
      }),
    ]);
    expect(EVIDENCE_SCHEME).toBe('packdesk-evidence');
  });

  it('serves a whole file, and the byte range a <video> asks for', async () => {
    const whole = await get('/video/file/7');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(readFileSync(clip))).toBe(true);
    const part = await get('/video/file/7', { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(readFileSync(clip).subarray(100, 200))).toBe(true);
    const tail = await get('/video/file/7', { range: 'bytes=-10' });
    expect(tail.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect((await get('/video/file/7', { range: 'bytes=5000-' })).status).toBe(416);
  });

  it('answers 404 in words for a deleted file, an unknown pack or path, 503 before the station runs', async () => {
    const gone = await get('/video/file/8');
    expect(gone.status).toBe(404);
    expect(await gone.text()).toMatch(/retention/);
    expect((await get('/video/export/PK-9.zip')).status).toBe(404);
    expect((await get('/etc/passwd')).status).toBe(404);
    const early = await evidenceResponder(() => null)(new Request('packdesk-evidence://station/video/file/7'));
    expect(early.status).toBe(503);
  });

  it('serves the export zip as an attachment named after the order', async () => {
    const zip = await get('/video/export/PK-1.zip');
    expect(zip.headers.get('content-disposition')).toBe('attachment; filename="O-1-PK-1.zip"');
    expect(await zip.text()).toBe('PK zip bytes');
  });
});

describe('export save dialog', () => {
  function download(url: string) {
    const event = { preventDefault: vi.fn() };
    return { event, item: { getURL: () => url } };
  }

  it('asks where to save the zip, writes it there, and leaves other downloads alone', async () => {
    const session = new FakeSession();
    const target = join(dir, 'saved.zip');
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
    const lines: string[] = [];
    handleExportDownloads(
      session as never,
      dialog,
      () => null,
      () => source,
      (l) => lines.push(l),
    );
    const other = download('https://example.com/file.zip');
    session.events.emit('will-download', other.event, other.item);
    expect(other.event.preventDefault).not.toHaveBeenCalled();

    const ours = download('packdesk-evidence://station/video/export/PK-1.zip');
    session.events.emit('will-download', ours.event, ours.item);
    expect(ours.event.preventDefault).toHaveBeenCalled();
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: 'O-1-PK-1.zip', filters: [{ name: 'Zip', extensions: ['zip'] }] }),
    );
    await vi.waitFor(() => expect(lines.join('\n')).toContain(`saved to ${target}`));
    expect(readFileSync(target, 'utf8')).toBe('PK zip bytes');
  });

  it('writes nothing when the supervisor cancels', async () => {
    const session = new FakeSession();
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: undefined })) };
    const lines: string[] = [];
    handleExportDownloads(
      session as never,
      dialog as never,
      () => null,
      () => source,
      (l) => lines.push(l),
    );
    const ours = download('packdesk-evidence://station/video/export/PK-1.zip');
    session.events.emit('will-download', ours.event, ours.item);
    await vi.waitFor(() => expect(dialog.showSaveDialog).toHaveBeenCalled());
    expect(lines).toEqual([]);
  });
});
