// Multi-parcel shipments the way WeChat accepts them (wechat-api-2.md §5): which carriers issue
// 子母单 (one parent waybill plus child waybills) and the limits both sides check.

/** Carriers whose e-waybills take child parcels via addsuborder (§5.2 [S21]; the older page lists SF, DBKD, JD). */
export const SUBORDER_CARRIERS = ['SF', 'DBKD', 'JD', 'SXJD', 'YDKY', 'ANEKY'] as const;

/** JD renumbers every label (base-seq-total) when children are added: all labels are printed again. */
export const RENUMBERING_CARRIERS = ['JD'] as const;

/** addsuborder `add_package_quantity` bounds (§5.2). */
export const ADD_PACKAGE_MIN = 1;
export const ADD_PACKAGE_MAX = 300;

/** Mini-program upload_shipping_info SPLIT mode: at most 15 parcels, express only (§5.3, wechat-api.md §3.1). */
export const MINI_PROGRAM_MAX_PARCELS = 15;

/** One label of a 子母单 as the hub hands it to the station: parcel 1 is the parent. */
export interface SubWaybill {
  parcelNo: number;
  /** The number printed on this parcel's label (JD: base-seq-total). */
  waybill: string;
  /**
   * WeChat's print_info for this label (print/get with sub_waybill_id, wechat-api-2.md §1.5), for the
   * print component. Children always; the parent only when renumbered (JD), else it is preassigned's.
   */
  printInfo?: string;
}
