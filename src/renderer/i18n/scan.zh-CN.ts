// Scanner messages outside the pack screen's own (issue 12 §4): misreads and scans made on other screens.
export const scanZhCN = {
  misread: '没扫完整，请再扫一次',
  toast: {
    redirected: '已回到装箱界面处理这次扫码：{{code}}',
    redirectedFrom: '（在{{screen}}扫的码不会在那里执行）',
    ignored: '设置界面不处理扫码：{{code}}。输入框没有改动；请回到装箱界面再扫。',
    misread: '没扫完整，请再扫一次',
    dismiss: '知道了',
  },
  screen: { sheet: '条码表', settings: '设备设置', supervisor: '主管视图', pack: '装箱界面' },
};
