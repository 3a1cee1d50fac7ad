// Which station a bearer token belongs to, or why it is refused: the sync API and the stats API ask
// the same question, and a desk whose token was revoked is told so (it pauses and shows the reason).
import { bearerToken, hashToken } from './auth.js';
import type { HubContext } from './context.js';
import type { StationRow } from './store/types.js';

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
