// Who a bearer token belongs to. The admin: one check for the admin API, the stats API and the
// health counts. A station: the sync and stats APIs ask the same question, and a desk whose token
// was revoked is told so (it pauses and shows the reason).
import { bearerToken, hashToken, sameSecret } from './auth.js';
import { resolveSecret, type HubConfig } from './config.js';
import type { HubContext } from './context.js';
import type { StationRow } from './store/types.js';

/** A check for "is this the admin token", or null when the config sets none (admin endpoints off). */
export function adminCheck(config: HubConfig): ((authorization: string | undefined) => boolean) | null {
  if (!config.hub.adminToken) return null;
  const admin = resolveSecret(config.hub.adminToken);
  return (authorization) => {
    const token = bearerToken(authorization);
    return token !== null && sameSecret(token, admin);
  };
}

export async function stationFor(
  ctx: HubContext,
  authorization: string | undefined,
): Promise<{ station: StationRow } | { refused: string }> {
  const token = bearerToken(authorization);
  if (!token) return { refused: 'missing bearer token (Authorization: Bearer <station token>)' };
  const station = await ctx.store.tx((t) => t.stations.byTokenHash(hashToken(token)));
  if (!station) return { refused: 'unknown station token (mistyped, or replaced when the token was rotated)' };
  if (station.revokedAt !== null)
    return {
      refused: `the token of station ${station.id} was revoked at ${new Date(station.revokedAt).toISOString()}; ask the admin for a new one`,
    };
  return { station };
}
