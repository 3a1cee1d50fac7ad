// Parcel tracking texts, Simplified Chinese: the supervisor view's stuck-parcel panel and a returned
// parcel's trace at the desk.
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
  trace: {
    title: '物流轨迹',
    loading: '正在查询物流轨迹…',
    none: '承运商还没有任何物流记录',
    notFound: '总部没有跟踪这个运单',
    offline: '无法连接总部服务器：物流轨迹暂不可见',
    state: {
      awaiting_pickup: '待揽收',
      collected: '已揽收',
      in_transit: '运输中',
      out_for_delivery: '派送中',
      delivered: '已签收',
      exception: '异常',
    },
  },
};
