// Evidence screen requests: find a parcel's packing video by waybill or order id, pin it (dispute).
import { CoreFault } from '../../../contract/api.js';
import type { Handlers } from '../dispatcher.js';
import type { VideoService } from '../video/service.js';

export function videoHandlers(video: VideoService): Pick<Handlers, 'video.find' | 'video.pin'> {
  return {
    'video.find': ({ code }) => ({ code, packs: video.find(code) }),
    'video.pin': ({ packId, pinned }) => {
      if (!video.pin(packId, pinned)) throw new CoreFault('not_found', `no packing video for pack ${packId}`);
      return { packId, pinned };
    },
  };
}
