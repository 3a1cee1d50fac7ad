// Hand-made station snapshots for renderer tests; each test overrides only what it is about.
import type { LabelLayout, LabelModel } from '../../src/contract/label.js';
import type { PackLine } from '../../src/contract/entities.js';
import type { LabelView, PackView, StationSnapshot } from '../../src/contract/station.js';

export function line(over: Partial<PackLine> = {}): PackLine {
  return {
    productId: 101,
    sku: 'EAR-BT-01',
    title: '蓝牙耳机',
    category: 'fragile',
    unitWeightG: 180,
    expected: 2,
    scanned: 1,
    bundleTitle: null,
    ...over,
  };
}

export function pack(over: Partial<PackView> = {}): PackView {
  return {
    packId: 'P-1',
    state: 'verifying',
    order: {
      id: 'WX202611250001',
      channel: 'channels_shop',
      status: 'packing',
      pickSlip: 'PK-0001',
      recipientName: '张三丰',
      recipientPhone: '13812345678',
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' },
      remark: '',
      flags: [],
      valueFen: 19900,
    },
    lines: [
      line(),
      line({
        productId: 202,
        sku: 'CBL-C-1M',
        title: '数据线',
        category: 'general',
        unitWeightG: 40,
        expected: 1,
        scanned: 1,
        bundleTitle: '耳机套装',
      }),
    ],
    parcelNo: 1,
    parcelUnits: 2,
    packaging: { code: 'CARTON5-BUBBLE', tareG: 220 },
    carrier: 'SF',
    weight: null,
    measuredG: null,
    qtyMultiplier: null,
    labels: [],
    startedAt: 1_764_000_000_000,
    ...over,
  };
}

export function snapshot(over: Partial<StationSnapshot> = {}): StationSnapshot {
  return {
    station: {
      id: 'S1',
      name: '一号台',
      layout: 'u_shaped',
      requireLogin: true,
      labelSize: { widthMm: 100, heightMm: 180 },
      carriers: { SF: '顺丰速运', ZTO: '中通快递', JD: '京东物流', YTO: '圆通速递' },
    },
    packer: { id: 'U1', name: '李四', badge: 'BADGE-U1', role: 'packer' },
    pack: pack(),
    lastPack: null,
    alert: null,
    prompt: null,
    notice: null,
    scale: { grams: 0, stable: true, status: 'ok', at: 1 },
    devices: [
      { role: 'scanner', kind: 'keyboard', simulated: false, state: 'ready', detail: null },
      { role: 'scale', kind: 'sim', simulated: true, state: 'ready', detail: null },
      { role: 'printer', kind: 'tspl', simulated: true, state: 'error', detail: '缺纸' },
    ],
    sync: { mode: 'online', queueDepth: 3, deadLetters: 0, quarantined: 0, lastError: null },
    counters: { orders: 12, units: 40, errors: 1 },
    waybillPool: { SF: 150, ZTO: 12 },
    pendingLabels: 0,
    queuedLabels: 0,
    exceptions: [],
    packerFigures: null,
    supervisor: null,
    ...over,
  };
}

export const WAYBILL = 'SF1234567890123';

export function labelView(over: Partial<LabelView> = {}): LabelView {
  return {
    labelId: 'L-1',
    parcelId: 'PC-1',
    parcelNo: 1,
    status: 'printed',
    waybill: WAYBILL,
    carrier: 'SF',
    model: null,
    error: null,
    ...over,
  };
}

export const LAYOUT: LabelLayout = {
  widthMm: 100,
  heightMm: 180,
  elements: [
    { type: 'box', x: 0, y: 0, width: 100, height: 180, thickness: 0.5 },
    { type: 'text', x: 4, y: 4, size: 6, text: '顺丰速运', bold: true },
    { type: 'code128', x: 6, y: 16, height: 18, moduleWidth: 0.4, text: WAYBILL, showText: true },
    { type: 'text', x: 4, y: 40, size: 4, text: `运单号 ${WAYBILL}` },
    { type: 'line', x: 0, y: 50, width: 100, height: 0.4 },
    { type: 'qr', x: 70, y: 140, size: 24, text: `https://example.invalid/${WAYBILL}` },
  ],
};

export function labelModel(over: Partial<LabelModel> = {}): LabelModel {
  return {
    labelId: 'L-1',
    parcelId: 'PC-1',
    orderId: 'WX202611250001',
    parcelNo: 1,
    carrier: { code: 'SF', name: '顺丰速运' },
    waybill: WAYBILL,
    recipient: { name: '张三丰', phone: '138****5678', address: '浙江省杭州市西湖区文三路 100 号' },
    sender: { name: 'Packdesk 演示仓', phone: '021-5555-0100', address: '上海市浦东新区张江路100号3号库' },
    itemSummary: '蓝牙耳机×2 / 数据线×1',
    units: 3,
    weightG: 640,
    packaging: 'CARTON5-BUBBLE',
    station: { id: 'S1', name: '一号台' },
    packer: { id: 'U1', name: '李四' },
    printedAt: 1_764_000_000_000,
    dateText: '2026-11-25 15:00',
    reprint: false,
    remark: '',
    ...over,
  };
}
