// Packing-video evidence in the Electron shell. The page is loaded from file://, so the station's
// HTTP paths (/video/file/:id, /video/export/:pack.zip) are served by a privileged custom scheme,
// packdesk-evidence://station/…, straight from the station's index (byte ranges included, so the
// <video> element can seek). The export zip goes through a save dialog rather than a silent
// download: the supervisor chooses where the evidence for a dispute lands.
import { createReadStream, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { BrowserWindow, Dialog, DownloadItem, Event, Protocol, Session } from 'electron';
import { EVIDENCE_ORIGIN } from '../../contract/api/video.js';
import type { VideoService } from '../../main/core/video/service.js';

export const EVIDENCE_SCHEME = new URL(EVIDENCE_ORIGIN).protocol.slice(0, -1);

export type EvidenceSource = Pick<VideoService, 'filePath' | 'exportZip'>;

/** Before app ready: a standard, secure scheme that streams (media elements need both). */
export function registerEvidenceScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: EVIDENCE_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** Answers packdesk-evidence://station/video/file/:id and …/video/export/:packId.zip. */
export function evidenceResponder(source: () => EvidenceSource | null): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const video = source();
    if (!video) return text(503, 'the station is not running');
    const file = /^\/video\/file\/(\d{1,15})$/.exec(url.pathname);
    if (file) {
      const found = video.filePath(Number(file[1]));
      if (!found) return text(404, 'no such evidence file (deleted by retention?)');
      return fileResponse(found.path, found.type, request.headers.get('range'));
    }
    const zip = /^\/video\/export\/([^/]+)\.zip$/.exec(url.pathname);
    if (zip) {
      const out = video.exportZip(decodeURIComponent(zip[1]!));
      if (!out) return text(404, 'no packing video for this pack');
      return new Response(new Uint8Array(out.data), {
        headers: {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${out.name}"`,
        },
      });
    }
    return text(404, 'unknown evidence path');
  };
}

/** A file with Range support (one range: what <video> asks for). */
export function fileResponse(path: string, type: string, range: string | null): Response {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return text(404, 'the evidence file is missing on disk');
  }
  const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
  if (!m || (m[1] === '' && m[2] === '')) {
    return new Response(stream(path, 0, size - 1, size), {
      headers: { 'content-type': type, 'content-length': String(size), 'accept-ranges': 'bytes' },
    });
  }
  // "bytes=-N" is the last N bytes.
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start > end || start >= size)
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  return new Response(stream(path, start, end, size), {
    status: 206,
    headers: {
      'content-type': type,
      'content-length': String(end - start + 1),
      'content-range': `bytes ${start}-${end}/${size}`,
      'accept-ranges': 'bytes',
    },
  });
}

function stream(path: string, start: number, end: number, size: number): ReadableStream | null {
  if (size === 0) return null;
  return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream;
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * An export link clicked in the page: instead of Electron's download, ask where to save the zip
 * (a save dialog named after the order) and write it there.
 */
export function handleExportDownloads(
  session: Pick<Session, 'on'>,
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  source: () => EvidenceSource | null,
  log: (line: string) => void,
): void {
  session.on('will-download', (event: Event, item: DownloadItem) => {
    const url = item.getURL();
    const m = url.startsWith(EVIDENCE_ORIGIN) ? /^\/video\/export\/([^/]+)\.zip$/.exec(new URL(url).pathname) : null;
    if (!m) return;
    event.preventDefault();
    const zip = source()?.exportZip(decodeURIComponent(m[1]!));
    if (!zip) return;
    const win = window();
    const options = {
      title: '导出装箱视频 / Export packing video',
      defaultPath: zip.name,
      filters: [{ name: 'Zip', extensions: ['zip'] }],
    };
    const asked = win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
    void asked
      .then(async (r) => {
        if (r.canceled || !r.filePath) return;
        await writeFile(r.filePath, zip.data);
        log(`packdesk: evidence ${zip.name} saved to ${r.filePath}`);
      })
      .catch((err: unknown) =>
        log(`packdesk: evidence export failed: ${err instanceof Error ? err.message : String(err)}`),
      );
  });
}
