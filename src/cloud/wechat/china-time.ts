// WeChat's calendar is China Standard Time (UTC+8, no daylight saving): daily quotas reset at
// midnight there (wechat-api.md §6, reset time UNCONFIRMED) and upload_time carries +08:00 (§3.1).
// A fixed offset is exact for Asia/Shanghai, so no time-zone database is needed.

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** "2025-03-01" — the China calendar day of an epoch-ms instant. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of the 00:00 in China that starts the day of `ms`. */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** Epoch ms of the next 00:00 in China after `ms`. */
export function nextShanghaiMidnight(ms: number): number {
  return (Math.floor((ms + OFFSET_MS) / DAY_MS) + 1) * DAY_MS - OFFSET_MS;
}

/** RFC 3339 with milliseconds and a +08:00 offset, e.g. 2022-12-15T13:29:35.120+08:00 (§3.1). */
export function rfc3339Shanghai(d: Date): string {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('upload_time: invalid Date');
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}
