// The order reads of one shop, shared among the hub instances on one store. Each instance keeps in
// memory what it last read of each order (channels-pull.ts), so that its pull and its push queue do
// not read an order twice. With several instances a push may land on one and the list pull run on
// another: without this, each read the order once more — half again the order/get calls in a 2-
// instance sale, against a limit shared by all. Each read is told to the others through the store's
// signal channel (PostgreSQL NOTIFY), a batch per tick; the others merge it into their own memory.
// A lost notice only costs a second read, as before: it is a hint, not a record.
import { z } from 'zod';
import type { HubStore } from '../store/types.js';

/** One read of an order: hub time of the call (s), wall-clock send (ms), the update_time it gave. */
export interface OrderRead {
  at: number;
  sentAt: number;
  updateTime: number;
}

/** A notice's reads, [id, at, sentAt, updateTime] each: what told() sends and the listener parses. */
const noticeSchema = z.array(z.tuple([z.string().min(1), z.number(), z.number(), z.number()]));
type Wire = z.infer<typeof noticeSchema>[number];

/** NOTIFY payloads must stay under 8000 bytes: a read is ≤ 60 bytes of JSON. */
const READS_PER_NOTICE = 100;
/** Reads are gathered this long before they are told, so a sale's reads go a hundred to a notice. */
const BATCH_MS = 20;
/**
 * Instances' clocks may differ a little: a read told by another is taken as made this much earlier,
 * so neither the pull nor the push queue skips a read because the other's clock runs ahead.
 */
const CLOCK_MARGIN_MS = 1000;

export class SharedReads {
  private readonly topic: string;
  private outbox: Wire[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly unlisten: () => void;

  constructor(
    private readonly store: HubStore,
    shopId: string,
    onRead: (orderId: string, read: OrderRead) => void,
    private readonly warn: (line: string, fields?: Record<string, unknown>) => void,
  ) {
    this.topic = `reads:${shopId}:`;
    this.unlisten =
      store.onSignal?.((topic) => {
        if (!topic.startsWith(this.topic)) return;
        const reads = parseNotice(topic.slice(this.topic.length));
        if (!reads) {
          warn('a notice of order reads from another instance was not understood; ignored', { topic });
          return;
        }
        for (const [id, at, sentAt, updateTime] of reads)
          onRead(id, { at: at - CLOCK_MARGIN_MS / 1000, sentAt: sentAt - CLOCK_MARGIN_MS, updateTime });
      }) ?? (() => undefined);
  }

  /** This instance read `orderId`: tell the others (nothing to do on a store of one instance). */
  told(orderId: string, read: OrderRead): void {
    if (!this.store.signal) return;
    this.outbox.push([orderId, read.at, read.sentAt, read.updateTime]);
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  close(): void {
    this.unlisten();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.outbox = [];
  }

  private flush(): void {
    this.timer = null;
    const reads = this.outbox;
    this.outbox = [];
    for (let i = 0; i < reads.length; i += READS_PER_NOTICE) {
      const topic = this.topic + JSON.stringify(reads.slice(i, i + READS_PER_NOTICE));
      this.store
        .signal?.(topic)
        .catch((err: unknown) => this.warn('telling order reads failed', { error: String(err) }));
    }
  }
}

function parseNotice(text: string): Wire[] | null {
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
