// The hub's config file (JSON). The smallest valid file is {} (a hub on 127.0.0.1:5280 with no
// WeChat shop); secrets can come from the environment instead of the file (`"secret": "env:NAME"`).
import { z } from 'zod';
import { routingTableSchema } from '../contract/sync.js';
import { statsConfigObject } from '../contract/stats-config.js';
import { stockConfigSchema } from './config-stock.js';
import { handoverConfig } from './config-handover.js';
import { trackingConfig } from './config-tracking.js';
import { storeConfig } from './config-store.js';

const secret = z.string().min(1, 'a secret, or env:VARIABLE to read it from the environment');

const channelsShop = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -'),
    appid: z.string().min(1),
    secret,
    /** Pull orders every this many seconds (push events trigger a re-fetch in between). */
    pullIntervalS: z.number().int().min(1).max(3600).default(60),
    /** Re-scan this far behind the watermark each pull: update_time can land late (spec §7.2). */
    overlapS: z.number().int().min(0).max(86_400).default(600),
    /**
     * An order listed again in the overlap, with nothing to show it changed, is read again at most
     * this often. Default max(pullIntervalS, overlapS / 3): a change the list index shows up to
     * 2/3 of the overlap late is still read before it leaves the overlap.
     */
    overlapRefetchS: z.number().int().min(1).max(86_400).optional(),
    /**
     * Every this many seconds, re-list open and cancelled orders over the whole 7-day window and read
     * the ones the hub lacks or still has open: an order WeChat's list index showed later than
     * overlapS is found this way. 0 turns the sweep off (it still runs on demand).
     */
    sweepIntervalS: z.number().int().min(0).max(86_400).default(1800),
    /** First pull looks back this far. */
    initialLookbackS: z
      .number()
      .int()
      .min(60)
      .max(90 * 86_400)
      .default(7 * 86_400),
    /** Token set in the shop backend's message-push settings: signs the URL check and every push. */
    pushToken: secret.optional(),
    /**
     * EncodingAESKey from the same settings (43 characters). Channels pushes are encrypted-only
     * (wechat-api-2.md §10): without it and pushToken every push is refused (401).
     */
    encodingAesKey: secret.optional(),
    /** Take e-waybill numbers from WeChat for pulled orders (spec §2.7) instead of the number pool. */
    ewaybill: z
      .object({
        enabled: z.boolean().default(false),
        /** The shop's e-waybill account and site per carrier (biz/account/get); carriers without one use the number pool. */
        accounts: z
          .record(z.string(), z.object({ siteCode: z.string().min(1), acctId: z.string().min(1) }).strict())
          .default({}),
        templateId: z.string().default('single'),
        /** The warehouse as the e-waybill's sender. */
        sender: z
          .object({
            name: z.string(),
            mobile: z.string(),
            province: z.string(),
            city: z.string(),
            county: z.string(),
            address: z.string(),
          })
          .strict()
          .default({
            name: 'Packdesk 仓',
            mobile: '02155550100',
            province: '上海市',
            city: '上海市',
            county: '浦东新区',
            address: '张江路100号',
          }),
      })
      .strict()
      .prefault({}),
    /**
     * After-sale disputes (举证): proof images of a packed parcel sent to WeChat once a supervisor
     * confirms (services/disputes.ts). Both paths are UNCONFIRMED (taken from the third-party SDK
     * zsmhub/wx-channels-sdk, not from an official page): settings, so a shop can correct them.
     */
    afterSaleProof: z
      .object({
        enabled: z.boolean().default(false),
        /** Image upload, multipart field `media` → pic_file.media_id. */
        uploadPath: z.string().startsWith('/').default('/channels/ec/basics/img/upload?upload_type=0&resp_type=0'),
        /** {complaint_id, content, media_id_list}. */
        proofPath: z.string().startsWith('/').default('/channels/ec/aftersale/addcomplaintproof'),
        /** The proof's text (举证说明). */
        content: z.string().min(1).max(500).default('打包视频截图：包裹打包全过程留证'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const miniProgram = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    appid: z.string().min(1),
    secret,
    /** Carrier code mapping to the mini-program express list when it differs (spec §3.3). */
    carrierCodes: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const hubConfigSchema = z
  .object({
    hub: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(5280),
        /** Admin bearer token for setup endpoints; "env:NAME" reads it from the environment. */
        adminToken: secret.optional(),
        /**
         * How long a background job's lease lasts without renewal (workers/lease.ts): when a hub
         * instance dies, another takes its jobs over after at most this long. Renewed every third of it.
         */
        leaseTtlMs: z.number().int().min(300).max(600_000).default(15_000),
      })
      .strict()
      .prefault({}),
    wechat: z
      .object({
        /** Tests point this at a local fake; production keeps the default. */
        apiBase: z.url().default('https://api.weixin.qq.com'),
        timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
        /**
         * Daily call limits per API path, as /cgi-bin/openapi/quota/get shows them for your shop
         * (WeChat does not publish them: wechat-api.md §5). With a limit the admin's health view
         * shows the share used and the hub warns once a day at `quotaAlertShare` of it.
         */
        dailyQuotas: z.record(z.string().startsWith('/'), z.number().int().min(1)).default({}),
        quotaAlertShare: z.number().gt(0).max(1).default(0.8),
        /**
         * Per-API rate limits, as quota/get's rate_limit shows them ({call_count, refresh_second} →
         * {calls, perS}). This hub instance paces each API to stay under them over any span of perS
         * seconds (wechat/pacer.ts), so calls wait instead of meeting 45011. Several instances
         * sharing one shop: give each its share. No entry: the API is not paced.
         */
        rateLimits: z
          .record(
            z.string().startsWith('/'),
            z.object({ calls: z.number().int().min(1), perS: z.number().int().min(1).max(86_400) }).strict(),
          )
          .default({}),
        shops: z.array(channelsShop).default([]),
        miniPrograms: z.array(miniProgram).default([]),
      })
      .strict()
      .prefault({}),
    stations: z
      .object({
        /** Free waybill numbers each station should hold per carrier (for printing offline). */
        poolTarget: z.number().int().min(0).max(100_000).default(200),
        /** Long-poll limit for a station's pull. */
        maxWaitS: z.number().int().min(0).max(30).default(25),
        /**
         * A station's claim on the order it packs lapses after this long without an event of its pack
         * (a desk left with an order open); another desk may then take the order over.
         */
        claimTtlS: z
          .number()
          .int()
          .min(1)
          .max(7 * 86_400)
          .default(1800),
      })
      .strict()
      .prefault({}),
    reportBack: z
      .object({
        intervalMs: z.number().int().min(50).max(60_000).default(1000),
        maxAttempts: z.number().int().min(1).max(1000).default(50),
        concurrency: z.number().int().min(1).max(32).default(4),
        /** Backoff for transient WeChat errors: base doubles per attempt up to max (with jitter). */
        baseDelayMs: z.number().int().min(10).max(600_000).default(2000),
        maxDelayMs: z.number().int().min(10).max(3_600_000).default(300_000),
        /** 10060001 right after payment: wait this long (uniform) before asking again. */
        raceDelayMs: z
          .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
          .strict()
          .default({ min: 15_000, max: 60_000 }),
        /**
         * A pack whose parts (pack.completed, each parcel, each waybill) are not all at the hub this
         * long after the first one arrived becomes a parts_missing exception instead of waiting silently.
         */
        partsTimeoutS: z.number().int().min(1).max(604_800).default(1800),
      })
      .strict()
      .prefault({}),
    /** Statistics: the warehouse's time zone, idle gap, shifts and supervisor alert thresholds. */
    stats: statsConfigObject
      .extend({
        timezone: z.string().default('Asia/Shanghai'),
        /**
         * No longer read: statistics come from stored cells (services/stats-fold.ts), not from events
         * held in memory. Still accepted so that config files written for older hubs load.
         */
        cacheDays: z.number().int().min(0).max(400).optional(),
      })
      .prefault({}),
    /** Carrier routing and rates for every station; absent → the built-in default table. */
    routing: routingTableSchema.optional(),
    /** The stock ledger, unpaid reservations and channel allocation (config-stock.ts). */
    stock: stockConfigSchema.prefault({}),
    /** Courier handover (交接): cut-off times per carrier (README "Handover (交接)"). */
    handover: handoverConfig,
    /** Parcel tracking, stuck rules and buyer notifications (config-tracking.ts, README "Tracking"). */
    tracking: trackingConfig,
    /** Where the hub keeps its data: SQLite (default) or PostgreSQL (config-store.ts, README "PostgreSQL store"). */
    store: storeConfig,
  })
  .strict();

export type HubConfig = z.output<typeof hubConfigSchema>;
export type ChannelsShopConfig = z.output<typeof channelsShop>;
export type MiniProgramConfig = z.output<typeof miniProgram>;

/** A secret the config names cannot be read: an operator's mistake, told in one line. */
export class SecretError extends Error {
  override readonly name = 'ConfigError';
}

/** "env:NAME" → process.env.NAME (error naming the variable when it is missing). */
export function resolveSecret(value: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const v = env[name];
  if (!v) throw new SecretError(`environment variable ${name} is not set (the config says "env:${name}")`);
  return v;
}

/** Reads every secret the config names, so a missing one stops the hub at start, not mid-request. */
export function checkSecrets(config: HubConfig, env: NodeJS.ProcessEnv = process.env): void {
  const all = [
    config.hub.adminToken,
    config.tracking.providers.kuaidi100?.key,
    config.tracking.providers.kuaidi100?.salt,
    ...config.wechat.shops.flatMap((s) => [s.secret, s.pushToken, s.encodingAesKey]),
    ...config.wechat.miniPrograms.map((m) => m.secret),
    ...config.stock.channels.map((c) => c.readToken),
    config.store.kind === 'postgres' ? config.store.url : undefined,
  ];
  for (const value of all) if (value !== undefined) resolveSecret(value, env);
  for (const shop of config.wechat.shops) {
    if (shop.encodingAesKey === undefined) continue;
    if (!/^[A-Za-z0-9+/]{43}$/.test(resolveSecret(shop.encodingAesKey, env)))
      throw new SecretError(
        `wechat.shops[${shop.id}].encodingAesKey: expected the 43 letters and digits the shop backend shows`,
      );
  }
}
