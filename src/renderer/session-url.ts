// Station paths an element loads by itself (<img>, <video>, a download link) cannot send headers:
// the browser server takes the per-start session secret the host wrote into the page as ?session=
// (hosts/station/ui-guard.ts). Under Electron the page is a file:// page with the IPC bridge and no
// server: packing-video paths go to the shell's evidence scheme (hosts/electron/evidence.ts).
import { EVIDENCE_ORIGIN } from '../contract/api/video.js';
import { BRIDGE_GLOBAL } from '../contract/api/wire.js';

export function withSession(url: string): string {
  // Only the station's own paths (/images/…, /video/…); a full URL goes elsewhere and needs no secret.
  if (!url.startsWith('/')) return url;
  if (url.startsWith('/video/') && BRIDGE_GLOBAL in window) return `${EVIDENCE_ORIGIN}${url}`;
  const session = document.querySelector<HTMLMetaElement>('meta[name="packdesk-session"]')?.content ?? '';
  return `${url}${url.includes('?') ? '&' : '?'}session=${encodeURIComponent(session)}`;
}
