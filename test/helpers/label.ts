// One shipping-label model for the tests that lay out and encode labels; each suite overrides what
// it is about.
import type { LabelModel } from '../../src/contract/label.js';

export function labelModel(overrides: Partial<LabelModel> = {}): LabelModel {
  return {
    labelId: 'L-0001',
    parcelId: 'PC-0001',
    orderId: '3745124478100531307',
    parcelNo: 1,
    carrier: { code: 'SF', name: '顺丰速运' },
    waybill: 'SF3705210416933',
    recipient: { name: '欧阳**', phone: '138****1234', address: '浙江省 杭州市 西湖区 科技路**号' },
    sender: { name: 'Packdesk 演示仓', phone: '021-5555-0100', address: '上海市浦东新区张江路100号3号库' },
    itemSummary: '蓝牙耳机×2 / 数据线×1',
    units: 3,
    weightG: 1254,
    packaging: 'CARTON5-BUBBLE',
    station: { id: 'S1', name: '一号工位' },
    packer: { id: 'P01', name: '张伟' },
    printedAt: Date.UTC(2026, 10, 25, 2, 0, 0),
    dateText: '2026-11-25 10:00',
    reprint: false,
    remark: '',
    ...overrides,
  };
}
