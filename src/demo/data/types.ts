import type { Order, Packer, Product } from '../../contract/entities.js';

export interface DemoCatalog {
  products: Product[];
  packers: Packer[];
}

export interface DemoData extends DemoCatalog {
  orders: Order[];
  /** Carrier code → pre-allocated waybill numbers, as a carrier's e-waybill pool would hand them out. */
  waybills: Record<string, string[]>;
}
