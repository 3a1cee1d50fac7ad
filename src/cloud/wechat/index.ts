// The hub's WeChat client library: one import for the composition root (see each module's header).
export {
  WechatHttp,
  TransportError,
  parseWechatJson,
  quoteBigIntegers,
  parseRid,
  type CallLogEntry,
  type WechatHttpOptions,
  type WechatReply,
  type UploadFile,
} from './http.js';
export { classify, classOf, WechatError, MALFORMED_REPLY, TOKEN_PATHS, type ErrorClass } from './errors.js';
export {
  TokenManager,
  type TokenManagerOptions,
  type TokenFetchLock,
  type TokenSource,
  type TokenStore,
  type StoredToken,
} from './token.js';
export { WechatApp, type WechatCaller } from './client.js';
export {
  ChannelsApi,
  CarrierCache,
  MAX_PAGE_SIZE,
  MAX_WINDOW_S,
  type Carrier,
  type DeliveryPackage,
  type ListOptions,
  type TimeWindow,
} from './channels.js';
export type {
  EwaybillContact,
  EwaybillCreateInput,
  EwaybillCreated,
  EwaybillGoods,
  EwaybillOrder,
  EwaybillOrderInput,
  EwaybillSourceOrder,
  PrintDoneInput,
} from './ewaybill.js';
export {
  wechatOrderSchema,
  ORDER_STATUS,
  CANCELLED_STATUSES,
  SHIPPED_STATUSES,
  type WechatOrder,
} from './order-schema.js';
export {
  OrderPuller,
  type OrderPullerOptions,
  type OrderSource,
  type PullResult,
  type WatermarkStore,
} from './pull.js';
export {
  mapChannelsOrder,
  unitsShipped,
  HOLD,
  type CatalogLookup,
  type MappedLine,
  type MappedOrder,
} from './mapping.js';
export {
  buildUploadShippingBody,
  uploadShipping,
  getShippingOrder,
  itemDesc,
  sfContact,
  type ShippingOrder,
  type ShippingOrderKey,
  type ShippingParcel,
  type UploadShippingInput,
} from './miniprogram.js';
export {
  reportChannels,
  reportMiniProgram,
  type ChannelsReportApi,
  type ChannelsReportInput,
  type MiniProgramReportInput,
  type ReportOptions,
  type ReportOutcome,
} from './report.js';
export { parsePushEvent, pushDedupeKey, PushParseError, type PushEvent } from './push.js';
export {
  batchGetStock,
  getStock,
  updateStock,
  skuKey,
  STOCK_BATCHGET_MAX,
  STOCK_TOO_FREQUENT,
  STOCK_UPDATE_FAILED,
  type SkuRef,
  type StockDiffType,
} from './stock.js';
export { nextShanghaiMidnight, rfc3339Shanghai, shanghaiDay } from './china-time.js';
