// The desk command card (issue 12 §7) and the sheet page's tabs.
export const cardZhCN = {
  title: '打包台指令卡',
  hint: 'A5 纸打印（实际大小，不缩放），贴在扫码枪旁',
  tabSheet: 'A4 条码表',
  tabCard: '桌面指令卡',
  group: { main: '常用指令', qty: '数量（先扫数量，再扫商品）', hold: '挂起 + 原因', override: '主管放行 + 原因' },
  waiting: '正在等待工作站连接…（已重试 {{count}} 次）',
};
