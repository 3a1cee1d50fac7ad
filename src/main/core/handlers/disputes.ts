// Evidence screen requests about after-sale disputes (core/video/disputes.ts).
import type { Handlers } from '../dispatcher.js';
import type { DisputeDesk } from '../video/disputes.js';

export function disputeHandlers(desk: DisputeDesk): Pick<Handlers, 'video.disputes' | 'video.disputeProof'> {
  return {
    'video.disputes': () => desk.cases(),
    'video.disputeProof': (a) => desk.confirm(a),
  };
}
