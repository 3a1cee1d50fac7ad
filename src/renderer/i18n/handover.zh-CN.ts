// Courier handover (交接) texts, Simplified Chinese: the screen, its notices, alerts and scan verdicts.
export const handoverZhCN = {
  mode: '快递交接',
  next: {
    carrier: '扫快递员工牌，或扫快递公司条码',
    parcels: '逐个扫包裹运单号；扫完扫【交接完成】',
  },
  carrier: '快递公司',
  courier: '快递员',
  count: '已交接',
  expected: '今日应交 {{count}} 件',
  countValue: '{{count}} 件',
  scanned: '本批已扫',
  none: '还没有扫包裹',
  more: '另有 {{count}} 件未显示',
  lastClosed: '上一批交接',
  closedAt: '完成于 {{time}}',
  missingTitle: '未交接 {{count}} 件（今日已打包、未扫入任何交接批次）',
  missingNone: '今日该快递的包裹已全部交接',
  missingFrom: { hub: '全部打包台（云端）', desk: '仅本打包台（离线）' },
  print: {
    queued: '交接单打印中…',
    printed: '交接单已打印',
    uncertain: '交接单可能已打印（打印中断），请检查打印机',
    error: '交接单等待打印：{{error}}',
  },
  commands: '交接条码',
  cmd: { close: '交接完成', exit: '退出交接', start: '进入交接' },
  cutoffs: {
    title: '揽收截止',
    none: '未配置揽收截止时间（handover.cutoffs）',
    offline: '云端不可达，无法显示揽收截止',
    left: '还剩 {{time}}',
    passed: '已过截止',
    pending: '待交接 {{count}} 件',
    warn: '{{count}} 件将赶不上 {{cutoff}} 截止',
  },
};

export const handoverNoticesZhCN = {
  handover_mode: '已进入快递交接：扫快递员工牌或快递公司条码',
  handover_mode_left: '已退出快递交接，回到打包',
  handover_carrier: '交接 {{carrier}}：逐个扫包裹运单号',
  handover_scanned: '已交接 {{waybill}}（本批 {{count}} 件）',
  handover_closed: '{{carrier}} 交接完成 {{count}} 件，未交接 {{missing}} 件',
  handover_close_first: '本批已扫 {{count}} 件：先扫【交接完成】',
  handover_nothing_to_close: '本批还没有包裹，无需完成',
  handover_unknown_carrier: '不认识的快递公司 {{carrier}}',
};

export const handoverAlertsZhCN = {
  handover_no_carrier: {
    title: '还没选快递公司',
    action: '先扫快递员工牌或快递公司条码，再扫包裹 {{waybill}}',
    clear: '扫【确认】继续',
  },
  handover_wrong_carrier: {
    title: '快递公司不对 — 不要交给这位快递员',
    action: '包裹 {{waybill}} 是 {{parcelCarrier}} 的，本批是 {{carrier}}：放回待发区',
    clear: '扫【确认】继续交接',
  },
  handover_already_handed_over: {
    title: '已经交接过 — 不要重复交',
    action: '包裹 {{waybill}} 已在工位 {{station}} 交接过：检查是否重复打单',
    clear: '扫【确认】继续交接',
  },
  handover_intercepted: {
    title: '订单已取消/拦截 — 不能发出',
    action: '把包裹 {{waybill}} 放到{{interceptBin}}，交主管处理',
    clear: '扫【确认】继续交接',
  },
  handover_unknown_waybill: {
    title: '运单号不认识',
    action: '没有找到 {{waybill}} 的打包记录：包裹先放一边，交主管',
    clear: '扫【确认】继续交接',
  },
};

export const handoverVerdictsZhCN = {
  handover_scanned: '已交接',
  handover_refused: '不能交接',
};
