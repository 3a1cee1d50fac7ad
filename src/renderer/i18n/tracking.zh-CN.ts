// Parcel tracking texts, Simplified Chinese: the supervisor view's stuck-parcel panel.
export const trackingZhCN = {
  title: '异常包裹',
  none: '暂无滞留或异常包裹',
  offline: '无法连接总部服务器：异常包裹暂不可见',
  count: '{{count}} 件需要跟进',
  more: '另有 {{count}} 件未显示',
  since: '自 {{time}}',
  kind: {
    not_collected: '交接后未揽收',
    no_movement: '长时间无物流更新',
    return_started: '退回中',
    exception: '物流异常',
  },
};
