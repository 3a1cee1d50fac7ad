// Who may talk to the desk's local UI server. The station serves orders, labels (names, phones,
// addresses), packer logins and printer settings to whatever holds its WebSocket, and any web page
// the packer opens on the desk PC can try to reach a localhost port. Three checks, all on what the
// server itself routes (never on the raw URL, which `/%77s` would slip past):
//   1. Host: the request is addressed to this desk by a local name (defeats DNS rebinding, where a
//      foreign page resolves its own name to 127.0.0.1 and so becomes "same origin").
//   2. Origin: a browser upgrade comes from the page this server served.
//   3. Session secret: made fresh at each start and written into the served index.html only, so a
//      page from another origin (which cannot read our responses) cannot present it.
import { timingSafeEqual } from 'node:crypto';

const LOCAL_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

function hostnameOf(hostHeader: string): string {
  // "[::1]:5180" → "[::1]", "127.0.0.1:5180" → "127.0.0.1"
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return m?.[1] ?? '';
}

function portOf(hostHeader: string): number {
  const m = /:(\d+)$/.exec(hostHeader.trim());
  return m ? Number(m[1]) : 80;
}

/** The Host header names this desk: a loopback name or the configured host, on our port. */
export function hostAllowed(hostHeader: string | undefined, host: string, port: number): boolean {
  if (isWildcardHost(host)) return true; // deliberately served to the LAN; the secret still guards /ws
  if (!hostHeader) return false;
  const names = [...LOCAL_NAMES, host.toLowerCase()];
  return names.includes(hostnameOf(hostHeader)) && portOf(hostHeader) === port;
}

/** Same-origin pages only; clients without an Origin header (tests, tools) are not browsers. */
export function originAllowed(origin: string | undefined, host: string, port: number): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    const localNames = [...LOCAL_NAMES, host];
    const sameHost = localNames.includes(u.hostname) || isWildcardHost(host);
    return u.protocol === 'http:' && sameHost && Number(u.port || 80) === port;
  } catch {
    return false;
  }
}

/** Constant-time comparison, so the secret cannot be guessed a character at a time. */
export function secretMatches(presented: unknown, secret: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const SESSION_META = 'packdesk-session';

/** index.html with the session secret in a meta tag the renderer reads (src/renderer/main.tsx). */
export function withSessionMeta(html: string, secret: string): string {
  const tag = `<meta name="${SESSION_META}" content="${secret}" />`;
  return html.includes('</head>') ? html.replace('</head>', `    ${tag}\n  </head>`) : `${tag}\n${html}`;
}
