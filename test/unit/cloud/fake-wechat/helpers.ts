// Starts a fake on 127.0.0.1 with a hand-driven clock, and talks to it over real HTTP.
import { afterEach } from 'vitest';
import { FakeWechat, type FakeProduct, type FakeWechatOptions } from '../../../../src/demo/wechat-sandbox/index.js';

export const CHANNELS = { appid: 'wx_shop_1', secret: 'shop-secret', kind: 'channels' as const };
export const MINI = { appid: 'wx_mini_1', secret: 'mini-secret', kind: 'miniprogram' as const };

/** 2025-01-06 10:00:00 +08:00, in ms. */
export const T0 = Date.UTC(2025, 0, 6, 2, 0, 0);
export const T0S = T0 / 1000;

export const PRODUCTS: FakeProduct[] = [
  {
    product_id: '10000001',
    sku_id: '20000001',
    sku_code: '6901234567892',
    title: '茶杯 白',
    price_fen: 2900,
    weight: 180,
  },
  {
    product_id: '10000001',
    sku_id: '20000002',
    sku_code: '6901234567908',
    title: '茶杯 黑',
    price_fen: 2900,
    weight: 180,
  },
  {
    product_id: '10000002',
    sku_id: '20000003',
    sku_code: 'TEA-OOLONG-250',
    title: '乌龙茶 250g',
    price_fen: 8800,
    weight: 260,
  },
  {
    product_id: '10000003',
    sku_id: '20000004',
    sku_code: 'TRAY-BAMBOO',
    title: '竹茶盘',
    price_fen: 15900,
    weight: 900,
  },
];

const running: FakeWechat[] = [];

afterEach(async () => {
  for (const f of running.splice(0)) await f.close();
});

export interface Started {
  fake: FakeWechat;
  base: string;
  clock: { t: number };
  post: (path: string, body: unknown, token?: string) => Promise<Answer>;
  token: (app?: typeof CHANNELS | typeof MINI) => Promise<string>;
}

export interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown>;
}

export async function start(opts: Partial<FakeWechatOptions> = {}): Promise<Started> {
  const clock = { t: T0 };
  const fake = new FakeWechat({ apps: [CHANNELS, MINI], now: () => clock.t, ...opts });
  running.push(fake);
  const base = await fake.listen();
  const post = async (path: string, body: unknown, token?: string): Promise<Answer> => {
    const url = token === undefined ? `${base}${path}` : `${base}${path}?access_token=${encodeURIComponent(token)}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
  };
  const token = async (app: typeof CHANNELS | typeof MINI = CHANNELS) => {
    const r = await post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: app.appid,
      secret: app.secret,
    });
    return String(r.json['access_token']);
  };
  return { fake, base, clock, post, token };
}
