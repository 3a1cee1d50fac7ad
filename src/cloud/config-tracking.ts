// The hub's `tracking` config section (README "Tracking", "Buyer notifications"): which provider
// follows which carrier's parcels, the stuck-parcel rules, and the buyer's subscribe messages.
import { z } from 'zod';
import { FACT_NAMES } from '../domain/tracking/subscribe-values.js';

const secret = z.string().min(1, 'a secret, or env:VARIABLE to read it from the environment');

/** Packdesk carrier code → Kuaidi100 company code (快递公司编码, lower case). */
export const KUAIDI100_COMPANIES: Record<string, string> = {
  SF: 'shunfeng',
  ZTO: 'zhongtong',
  YTO: 'yuantong',
  YUNDA: 'yunda',
  STO: 'shentong',
  JTSD: 'jtexpress',
  JD: 'jd',
  EMS: 'ems',
};

const kuaidi100 = z
  .object({
    /** 授权 key of the enterprise account. */
    key: secret,
    /** Signs every callback: sign = MD5(param + salt), upper case. Without it callbacks cannot be trusted. */
    salt: secret,
    /** The subscribe endpoint; tests point it at the tracking simulator. */
    url: z.url().default('https://poll.kuaidi100.com/poll'),
    /** Where Kuaidi100 posts updates: this hub's public address + /v1/tracking/callback/kuaidi100. */
    callbackUrl: z.url(),
    /** Carrier code → Kuaidi100 company code, over the built-in table. */
    companies: z.record(z.string(), z.string().regex(/^[a-z0-9]+$/, 'a lower-case Kuaidi100 company code')).default({}),
    /** Carriers it follows; empty = every carrier it has a company code for. */
    carriers: z.array(z.string()).default([]),
  })
  .strict();

const fieldSource = z.union([
  z.enum(FACT_NAMES),
  z.string().regex(/^text:.{1,40}$/, 'a fact name or "text:…" (up to 40 characters)'),
]);

const template = z
  .object({
    templateId: z.string().min(1),
    /** The mini-program page the message opens, e.g. "pages/order/detail?id={orderId}". */
    page: z.string().max(256).optional(),
    /** Template field key (thing1, character_string2, time3, …) → what it shows. */
    fields: z.record(z.string().regex(/^[a-z_]+\d+$/, 'a template field key such as thing1'), fieldSource),
  })
  .strict();

export const trackingConfig = z
  .object({
    /** How often the tracking worker subscribes new handovers, pulls WeChat traces and sends notifications. */
    intervalS: z.number().int().min(1).max(3600).default(60),
    providers: z
      .object({
        kuaidi100: kuaidi100.optional(),
        /** WeChat e-waybills are followed by push (ewaybill_push_path); pull order/get this often as a backup. */
        wechatPullH: z.number().min(0.1).max(168).default(6),
      })
      .strict()
      .prefault({}),
    stuck: z
      .object({
        /** Alert when no collection scan this many hours after handover. */
        notCollectedH: z.number().min(0.1).max(720).default(24),
        /** Alert when a collected parcel has no scan for this many hours. */
        noScanH: z.number().min(0.1).max(720).default(48),
      })
      .strict()
      .prefault({}),
    /** WeChat subscribe messages to mini-program / official-account buyers (never Channels orders). */
    notifications: z
      .object({
        enabled: z.boolean().default(false),
        /** formal, trial or developer: which version of the mini program the message opens. */
        miniprogramState: z.enum(['formal', 'trial', 'developer']).default('formal'),
        lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).default('zh_CN'),
        templates: z
          .object({
            shipped: template.optional(),
            out_for_delivery: template.optional(),
            exception: template.optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type TrackingConfig = z.output<typeof trackingConfig>;
export type Kuaidi100Config = NonNullable<TrackingConfig['providers']['kuaidi100']>;
export type NotificationKind = keyof TrackingConfig['notifications']['templates'];
