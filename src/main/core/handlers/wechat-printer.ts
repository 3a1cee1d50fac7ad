// WeChat's print component in the settings screen: its printer list, and which printer Channels
// e-waybills print on (saved as devices.wechatComponent.printer, applied at once).
import { CoreFault, type WechatPrinterView } from '../../../contract/api.js';
import { stationConfigSchema } from '../../config/schema.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function wechatPrinterHandlers(
  s: StationServices,
  log: (line: string) => void,
): Pick<Handlers, 'devices.wechatPrinter.list' | 'devices.wechatPrinter.use'> {
  const view = async (): Promise<WechatPrinterView> => {
    const cfg = s.config().devices.wechatComponent;
    const device = s.wechatPrinter ?? null;
    const status = device?.status() ?? { state: 'disconnected' as const, detail: null };
    let printers: WechatPrinterView['printers'] = [];
    let detail = status.detail;
    if (device) {
      try {
        printers = await device.printers();
      } catch (err) {
        detail = err instanceof Error ? err.message : String(err);
      }
    }
    return {
      configured: cfg !== undefined && device !== null,
      url: cfg?.url ?? null,
      printer: cfg?.printer ?? null,
      state: status.state,
      detail,
      version: device?.appVersion() ?? null,
      printers,
    };
  };
  return {
    'devices.wechatPrinter.list': view,
    'devices.wechatPrinter.use': async ({ printer }) => {
      const device = s.wechatPrinter;
      const current = s.config();
      const cfg = current.devices.wechatComponent;
      if (!device || !cfg)
        throw new CoreFault(
          'conflict',
          'no WeChat print component configured: add devices.wechatComponent to the station config and restart',
        );
      const names = (await device.printers().catch(() => [])).map((p) => p.name);
      if (!names.includes(printer))
        throw new CoreFault(
          'bad_request',
          `printer: expected one of the component's printers (${names.join(', ') || 'none listed'}), got "${printer}"`,
        );
      const next = stationConfigSchema.parse({
        ...current,
        devices: { ...current.devices, wechatComponent: { ...cfg, printer } },
      });
      s.configStore?.save(next);
      s.applyConfig(next);
      await device.usePrinter(printer);
      log(`WeChat print component: Channels e-waybills print on ${printer}`);
      void s.printQueue.kick();
      return view();
    },
  };
}
