// devices.wechatComponent: WeChat's e-waybill print component (wechat-api-2.md §1.2), the path every
// Channels e-waybill prints through. Absent = this desk has none, and refuses Channels e-waybill
// orders at the order scan. Plain-address orders keep devices.printer either way.
import { z } from 'zod';

export const wechatComponentConfig = z
  .object({
    /**
     * The component's WebSocket; 127.0.0.1:12705 on Windows and Mac (`packdesk sim wechat-printer`
     * elsewhere). "sim": a simulated component inside the station (the demo).
     */
    url: z
      .string()
      .default('ws://127.0.0.1:12705')
      .refine((u) => u === 'sim' || /^wss?:\/\/[^\s/]+(\/\S*)?$/.test(u), {
        error: 'a WebSocket URL like ws://127.0.0.1:12705, or "sim"',
      }),
    /** printerList[].name as the component lists it (see the settings screen); null = its first printer. */
    printer: z
      .string()
      .min(1, 'a printer name as the component lists it, or null for its first printer')
      .nullable()
      .default(null),
    /** An answer slower than this counts as a broken link: the task is then printed again only marked 补打. */
    requestTimeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    /** After a failed task (paper out…), ask again this often (doubling) before retrying it. */
    faultPollMs: z.number().int().min(100).max(60_000).default(3000),
  })
  .strict();

export type WechatComponentConfig = z.output<typeof wechatComponentConfig>;
