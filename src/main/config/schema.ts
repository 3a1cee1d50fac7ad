// The station config file (JSON). Every field has a default a small warehouse can live with, so the
// smallest valid file is {"station": {"id": "S1"}}. Errors name the field path, what was expected
// and what was found (see shared/validation.ts).
import { z } from 'zod';
import { CATEGORIES, LAYOUTS } from '../../contract/entities.js';
import { printerConfig, scaleConfig, scannerConfig } from './devices.js';
import { wechatComponentConfig } from './wechat-component.js';
import { statsConfigSchema } from '../../contract/stats-config.js';
import { insertsConfig, slipConfig } from './packing-extras.js';
import { SUBORDER_CARRIERS } from '../../contract/multi-parcel.js';
import { camerasConfig, videoConfig } from './video.js';
import { handoverStationConfig } from './handover.js';
import { stockStationConfig } from './stock.js';

const category = z.enum(CATEGORIES);
const code = z.string().regex(/^[A-Z0-9-]{2,24}$/, 'a code of 2–24 A–Z, 0–9 or -');

const defaultPackaging = {
  'CARTON5-BUBBLE': { tareG: 220 },
  'POLY-BAG': { tareG: 20 },
  'VACUUM-ICE': { tareG: 260 },
  'INSULATED-ICE': { tareG: 650 },
  'CARTON-SEAL': { tareG: 180 },
  CARTON: { tareG: 150 },
};

/** The station's hub section once read: `url` always set; `urls` the instances to fail over between (absent: `url` alone). */
interface HubSection {
  url: string;
  urls?: string[];
  token: string;
  pullWaitS: number;
  pushBatch: number;
  poolTarget: number;
}

const hubUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(\/.*)?$/, 'an http(s) URL such as https://hub.example.com or http://127.0.0.1:5280');

export const stationConfigSchema = z
  .object({
    station: z
      .object({
        id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -'),
        name: z.string().min(1).max(64).optional(),
        layout: z.enum(LAYOUTS).default('u_shaped'),
        timezone: z.string().default('Asia/Shanghai'),
      })
      .strict(),
    ui: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(5180),
        kiosk: z.boolean().default(false),
        /** Names of the intercept bin (拦截筐) and the return shelf (退回货架) the alerts tell the packer to use. */
        bins: z
          .object({ intercept: z.string().min(1).max(24).optional(), shelf: z.string().min(1).max(24).optional() })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    devices: z
      .object({
        scanner: scannerConfig.default({ kind: 'keyboard' }),
        scale: scaleConfig.prefault({ kind: 'sim' }),
        printer: printerConfig.prefault({}),
        wechatComponent: wechatComponentConfig.optional(),
        /** Packing-video cameras at this desk (README "Packing video"). */
        cameras: camerasConfig,
      })
      .strict()
      .prefault({}),
    packing: z
      .object({
        requireLogin: z.boolean().default(true),
        weight: z
          .object({
            toleranceG: z.number().min(0).default(30),
            tolerancePct: z.number().min(0).max(100).default(5),
            minG: z.number().min(1).default(20),
          })
          .strict()
          .prefault({}),
        packaging: z
          .object({
            catalog: z.record(code, z.object({ tareG: z.number().int().min(0) }).strict()).default(defaultPackaging),
            byCategory: z.record(category, code).default({
              fragile: 'CARTON5-BUBBLE',
              apparel: 'POLY-BAG',
              food: 'VACUUM-ICE',
              fresh: 'INSULATED-ICE',
              valuable: 'CARTON-SEAL',
              general: 'CARTON',
            }),
            /** For mixed orders the first category present decides. */
            priority: z.array(category).default(['fresh', 'valuable', 'fragile', 'food', 'apparel', 'general']),
          })
          .strict()
          .prefault({}),
        carriers: z
          .object({
            names: z
              .record(z.string(), z.string())
              .default({ SF: '顺丰速运', ZTO: '中通快递', JD: '京东物流', YTO: '圆通速递' }),
            byCategory: z.record(category, z.string()).default({
              fragile: 'SF',
              valuable: 'SF',
              fresh: 'JD',
              food: 'JD',
              apparel: 'YTO',
              general: 'ZTO',
            }),
            /** Carriers whose e-waybills take 子母单 children (addsuborder); README "Multi-parcel, split and merge". */
            subOrder: z.array(z.string().min(1)).default([...SUBORDER_CARRIERS]),
          })
          .strict()
          .prefault({}),
        sender: z
          .object({ name: z.string().min(1), phone: z.string().min(1), address: z.string().min(1) })
          .strict()
          .default({ name: 'Packdesk 演示仓', phone: '021-5555-0100', address: '上海市浦东新区张江路100号3号库' }),
        /** Inserts (赠品/插页) the packer confirms by scan: see packing-extras.ts and README. */
        inserts: insertsConfig,
        /** Packing slip (发货单) on an ESC/POS printer when a pack completes. */
        slip: slipConfig,
      })
      .strict()
      .prefault({}),
    stats: statsConfigSchema,
    /**
     * Keyboard-wedge timing (the device itself is devices.scanner). rejoinMs: a pause inside one
     * scan a wireless scanner may leave; a fragment followed by the rest within it is one scan.
     */
    scanner: z
      .object({ rejoinMs: z.number().int().min(0).max(1000).default(150) })
      .strict()
      .prefault({}),
    /** The hub this station syncs with; without it the station runs alone ("local"). */
    hub: z
      .object({
        /** The hub, or the first of `urls`. */
        url: hubUrl.optional(),
        /**
         * Several hub instances (README "Scaling out"): the station talks to one and moves to the next
         * when it stops answering. `url`, when given too, comes first.
         */
        urls: z.array(hubUrl).min(1, 'at least one hub URL').optional(),
        token: z.string().min(16, 'the station token printed by `packdesk cloud station add`'),
        /** How long a pull may wait at the hub for news (long-poll). */
        pullWaitS: z.number().int().min(0).max(30).default(25),
        pushBatch: z.number().int().min(1).max(500).default(200),
        /** Keep this many free waybill numbers per carrier; the hub tops the pool up. */
        poolTarget: z.number().int().min(0).max(100_000).default(200),
      })
      .strict()
      .refine((h) => h.url !== undefined || h.urls !== undefined, {
        error: 'expected url (one hub) or urls (a list of hub instances)',
      })
      // Everything that talks to "the hub" reads `url` (the preferred one); the sync engine fails over along `urls`.
      .transform(({ url, urls, ...rest }): HubSection => {
        const list = [...new Set([...(url === undefined ? [] : [url]), ...(urls ?? [])])];
        return { ...rest, url: list[0] ?? '', urls: list };
      })
      .optional(),
    /** Packing video: buffer, clips, retention (README "Packing video"). */
    video: videoConfig,
    /** Courier handover (交接): courier badges and the 交接单 printer (README "Handover (交接)"). */
    handover: handoverStationConfig,
    /** Receiving and returns at this desk: the default location (README "Receiving, counts and returns"). */
    stock: stockStationConfig,
    /**
     * Run the embedded demo hub (WeChat sandbox included) in this process and sync with it, unless a
     * `hub` is configured. The station's own tables are filled by that sync, never by demo code.
     */
    demo: z
      .object({
        seed: z.number().int().default(20261125),
        /** Orders waiting in the sandbox shop when the demo starts for the first time. */
        orders: z.number().int().min(0).max(100000).default(320),
        /** Waybill numbers per carrier in the demo hub's stock. */
        waybillsPerCarrier: z.number().int().min(0).max(100000).default(150),
        /** A new sandbox order every this many seconds (0: none). */
        trickleS: z.number().min(0).max(86_400).default(20),
        /** Every n-th new order comes with a buyer cancelling an open one (0: never). */
        cancelEvery: z.number().int().min(0).max(1000).default(4),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    for (const [cat, pkg] of Object.entries(cfg.packing.packaging.byCategory)) {
      if (!(pkg in cfg.packing.packaging.catalog)) {
        ctx.addIssue({
          code: 'custom',
          path: ['packing', 'packaging', 'byCategory', cat],
          message: `packaging ${pkg} is not in packing.packaging.catalog`,
        });
      }
    }
    for (const [cat, carrier] of Object.entries(cfg.packing.carriers.byCategory)) {
      if (!(carrier in cfg.packing.carriers.names)) {
        ctx.addIssue({
          code: 'custom',
          path: ['packing', 'carriers', 'byCategory', cat],
          message: `carrier ${carrier} is not in packing.carriers.names`,
        });
      }
    }
  });

export type StationConfig = z.output<typeof stationConfigSchema>;
export type StationConfigInput = z.input<typeof stationConfigSchema>;
export type { PrinterConfig, ScaleConfig, ScannerConfig, SerialScaleConfig, SimScaleConfig } from './devices.js';

/** The label stock in the printer: what layouts are computed for and previews show. */
export function labelSize(cfg: StationConfig): { widthMm: number; heightMm: number } {
  return { widthMm: cfg.devices.printer.widthMm, heightMm: cfg.devices.printer.heightMm };
}
