// Station and admin tokens. Tokens are 32 random bytes, so a plain SHA-256 is enough to store them:
// there is nothing to brute-force, and the hub never keeps a token it could leak.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(prefix = 'pdk'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1] ?? null;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a), 'hex');
  const y = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(x, y);
}
