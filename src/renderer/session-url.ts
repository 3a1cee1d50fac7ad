// Station paths an element loads by itself (<img>, <video>) cannot send headers: the browser server
// takes the per-start session secret the host wrote into the page as ?session= (hosts/station/ui-guard.ts).
export function withSession(url: string): string {
  // Only the station's own paths (/images/…, /video/…); a full URL goes elsewhere and needs no secret.
  if (!url.startsWith('/')) return url;
  const session = document.querySelector<HTMLMetaElement>('meta[name="packdesk-session"]')?.content ?? '';
  return `${url}${url.includes('?') ? '&' : '?'}session=${encodeURIComponent(session)}`;
}
