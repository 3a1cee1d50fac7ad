// Kuaidi100 (快递100) subscription push service, wire shapes as documented:
//   subscribe  POST https://poll.kuaidi100.com/poll, form schema=json & param=<SubscribeParam JSON>
//              → SubscribeReply; returnCode 200 accepted, 501 already subscribed (重复订阅).
//   callback   POST <callbackurl>, form param=<CallbackParam JSON> & sign=MD5(param + salt) upper case
//              → answer CallbackAck, or Kuaidi100 pushes again later.
// Sources: https://api.kuaidi100.com/document/5f0ffa8f2977d50a94e1023c (订阅接口) and
// https://apifox.com/apidoc/project-514987/api-8568518 (推送接口). The hub's provider and the test
// simulator (packdesk sim tracking) both parse with these schemas.
import { z } from 'zod';

export const kuaidi100SubscribeParamSchema = z.object({
  company: z.string().regex(/^[a-z0-9]+$/),
  number: z.string().min(6).max(32),
  to: z.string().max(200).optional(),
  key: z.string().min(1),
  parameters: z.object({
    callbackurl: z.string().min(1),
    salt: z.string().optional(),
    /** "1": each trace item carries its status name (在途, 揽收, 签收, …). */
    resultv2: z.string().optional(),
    phone: z.string().optional(),
  }),
});
export type Kuaidi100SubscribeParam = z.infer<typeof kuaidi100SubscribeParamSchema>;

export const kuaidi100SubscribeReplySchema = z.object({
  result: z.boolean(),
  returnCode: z.string(),
  message: z.string().default(''),
});
export type Kuaidi100SubscribeReply = z.infer<typeof kuaidi100SubscribeReplySchema>;

const traceItem = z.object({
  context: z.string(),
  /** "2024-03-01 10:12:33", China time. */
  time: z.string(),
  ftime: z.string().optional(),
  /** With resultv2=1: the item's state name (在途, 揽收, 疑难, 签收, 退签, 派件, 退回, 转投, 清关, 拒签). */
  status: z.string().optional(),
  areaName: z.string().optional(),
});

export const kuaidi100CallbackParamSchema = z.object({
  /** polling, shutdown (signed for), abort (no result for days), updateall. */
  status: z.string(),
  message: z.string().default(''),
  lastResult: z.object({
    message: z.string().default(''),
    /** 0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件, 6 退回, 7 转投, 8 清关, 14 拒签. */
    state: z.union([z.string(), z.number()]).transform(String),
    ischeck: z.union([z.string(), z.number()]).transform(String).optional(),
    com: z.string(),
    nu: z.string().min(1).max(64),
    /** The whole trace, newest first. */
    data: z.array(traceItem).max(1000),
  }),
});
export type Kuaidi100CallbackParam = z.input<typeof kuaidi100CallbackParamSchema>;
export type Kuaidi100Callback = z.output<typeof kuaidi100CallbackParamSchema>;

/** What the callback receiver answers when it took the push. */
export const KUAIDI100_ACK = { result: true, returnCode: '200', message: '成功' } as const;
export const kuaidi100AckSchema = z.object({ result: z.boolean(), returnCode: z.string(), message: z.string() });
