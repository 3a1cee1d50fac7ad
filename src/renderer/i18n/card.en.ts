import type { cardZhCN } from './card.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const cardEn: Strings<typeof cardZhCN> = {
  title: 'Packing desk command card',
  hint: 'Print on A5 at actual size (no scaling) and tape it beside the scanner',
  tabSheet: 'A4 barcode sheet',
  tabCard: 'Desk command card',
  group: {
    main: 'Everyday commands',
    qty: 'Quantity (scan the quantity, then the item)',
    hold: 'Hold + reason',
    override: 'Supervisor override + reason',
  },
  waiting: 'Waiting for the station to connect… (retried {{count}} times)',
};
