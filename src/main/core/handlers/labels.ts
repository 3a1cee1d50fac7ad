import { CoreFault, type PrintJobView } from '../../../contract/api.js';
import type { LabelModel } from '../../../contract/label.js';
import { layoutLabel } from '../../../domain/label/layout.js';
import { labelSize } from '../../config/schema.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function labelHandlers(s: StationServices): Pick<Handlers, 'labels.get' | 'printer.jobs'> {
  return {
    'labels.get': ({ labelId }) => {
      const row = s.stores.labels.get(labelId);
      if (!row) throw new CoreFault('not_found', `no label ${labelId}`);
      if (!row.model) throw new CoreFault('conflict', `label ${labelId} is waiting for a waybill number`);
      const model = JSON.parse(row.model) as LabelModel;
      return { model, layout: layoutLabel(model, labelSize(s.config())), status: row.status };
    },
    'printer.jobs': ({ limit = 50 }) => {
      return s.stores.labels.jobs(limit).map((r): PrintJobView => ({
        jobId: r.id,
        labelId: r.id,
        reprint: r.reprint === 1,
        status: r.status === 'printed' ? 'printed' : r.status === 'failed' ? 'failed' : 'queued',
        at: r.printed_at ?? r.created_at,
        waybill: r.waybill,
        detail:
          r.status === 'pending_waybill' ? 'waiting for a waybill number' : (r.error ?? s.devices.printer.language),
      }));
    },
  };
}
