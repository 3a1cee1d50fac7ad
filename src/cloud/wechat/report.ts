// Report-back decisions: given one order's parcels, call WeChat and say what the hub should do
// next. The hub owns attempts, timers and alerts; these functions own the WeChat rules (§6, §7.4,
// §7.6). Channels lives in report-channels.ts, mini programs in report-miniprogram.ts.
//
// When to read before writing: on any retry (attempt > 0) and whenever `uncertain` says the
// previous attempt may have gone through (timeout, dropped connection, crash mid-call). A retry
// re-reads even when the last answer was a clean errcode: the read is cheap, and it also catches
// a cancellation or a manual shipment that happened while we waited. A first, certain attempt
// writes straight away: WeChat answers 109001/10060002 if someone shipped in between, and those
// are verified after the fact.
//
// Errors that are neither WeChat nor transport errors (bad input such as an SF parcel without a
// phone, a reply of unexpected shape) are thrown, not turned into outcomes: they are bugs or data
// problems that retrying cannot fix and that must not be mistaken for a WeChat verdict.
export type { ReportOptions, ReportOutcome } from './report-common.js';
export { reportChannels, type ChannelsReportApi, type ChannelsReportInput } from './report-channels.js';
export { reportMiniProgram, type MiniProgramReportInput } from './report-miniprogram.js';
