// Device settings and diagnostics: ports, protocols, tare/zero, printer status, a test print, and
// saving the devices section of the station config (validated, written, applied without a restart).
import { CoreFault, type SettingsView, type SerialPortInfo } from '../../../contract/api.js';
import { formatProblems } from '../../../contract/validation.js';
import { PROTOCOLS } from '../../../hardware/scale/protocols/index.js';
import { PRINTER_LANGUAGES } from '../../../hardware/printer/types.js';
import { calibrationLayout } from '../../../hardware/printer/calibration.js';
import { PrinterFault } from '../../../hardware/types.js';
import { labelSize, stationConfigSchema, type StationConfig } from '../../config/schema.js';
import { parsePrinterInterface } from '../../../hardware/transport/interface.js';
import { newId } from '../../../base/ids.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

function view(s: StationServices): SettingsView {
  return {
    configPath: s.configStore?.path ?? null,
    devices: s.config().devices,
    layout: s.config().station.layout,
    protocols: Object.values(PROTOCOLS).map((p) => ({
      id: p.id,
      title: p.title,
      line: { ...p.line },
      mode: p.mode,
      hasStabilityFlag: p.hasStabilityFlag,
      canTare: p.tareCommand !== undefined,
      canZero: p.zeroCommand !== undefined,
    })),
    languages: [...PRINTER_LANGUAGES],
  };
}

/** Serial paths the config names: ptys and unplugged devices are not in the OS list. */
function configuredPaths(cfg: StationConfig): string[] {
  const d = cfg.devices;
  const out: string[] = [];
  if (d.scanner.kind === 'serial') out.push(d.scanner.path);
  if (d.scale.kind === 'serial') out.push(d.scale.path);
  const printer = parsePrinterInterface(d.printer.interface);
  if (printer.kind === 'serial') out.push(printer.path);
  return out;
}

const deviceError = (what: string, err: unknown) =>
  new CoreFault(
    'device_unavailable',
    `${what}: ${err instanceof PrinterFault ? err.reason.replace('_', ' ') : err instanceof Error ? err.message : String(err)}`,
    true,
  );

export function settingsHandlers(
  s: StationServices,
  log: (line: string) => void,
): Pick<
  Handlers,
  | 'settings.get'
  | 'settings.save'
  | 'settings.layout'
  | 'devices.ports'
  | 'devices.scale.tare'
  | 'devices.scale.zero'
  | 'devices.printer.status'
  | 'devices.printer.test'
> {
  const scaleCommand = async (command: 'tare' | 'zero') => {
    try {
      await s.devices.scale[command]();
    } catch (err) {
      throw deviceError(command, err);
    }
    return { ok: true as const };
  };
  return {
    'settings.get': () => view(s),

    'settings.save': async ({ devices }) => {
      const current = s.config();
      // The form edits scanner, scale and printer; the WeChat print component is set in the file
      // (and its printer by devices.wechatPrinter.use), so a save without it keeps it.
      const wechatComponent = current.devices.wechatComponent;
      const candidate = {
        ...current,
        devices: wechatComponent && !('wechatComponent' in devices) ? { ...devices, wechatComponent } : devices,
      };
      const parsed = stationConfigSchema.safeParse(candidate);
      if (!parsed.success)
        throw new CoreFault('bad_request', formatProblems('device settings', parsed.error, candidate));
      const factory = s.factory;
      if (!factory)
        throw new CoreFault(
          'conflict',
          'this station was started without a device factory; edit the config file instead',
        );
      const next = parsed.data;
      // The file first: if writing fails nothing changes; a device that cannot open yet is shown as
      // disconnected and retried by its driver, so applying never fails after this point.
      s.configStore?.save(next);
      const changed = (k: keyof StationConfig['devices']) =>
        JSON.stringify(current.devices[k]) !== JSON.stringify(next.devices[k]);
      if (changed('scanner')) await s.devices.scanner.swap(factory.scanner(next.devices.scanner));
      if (changed('scale')) await s.devices.scale.swap(factory.scale(next.devices.scale));
      if (changed('printer')) await s.devices.printer.swap(factory.printer(next.devices.printer));
      s.applyConfig(next);
      log(`device settings saved${s.configStore ? ` to ${s.configStore.path}` : ''}`);
      void s.printQueue.kick();
      return view(s);
    },

    'settings.layout': ({ layout }) => {
      const current = s.config();
      if (current.station.layout === layout) return view(s);
      const next = stationConfigSchema.parse({ ...current, station: { ...current.station, layout } });
      s.configStore?.save(next);
      s.applyConfig(next);
      log(`layout set to ${layout}${s.configStore ? ` in ${s.configStore.path}` : ''}`);
      return view(s);
    },

    'devices.ports': async (): Promise<SerialPortInfo[]> => {
      const listed = s.factory ? await s.factory.listPorts() : [];
      const configured = new Set(configuredPaths(s.config()));
      const out: SerialPortInfo[] = listed.map((p) => ({ ...p, configured: configured.has(p.path), present: true }));
      for (const path of configured) {
        if (!out.some((p) => p.path === path)) {
          out.push({
            path,
            manufacturer: null,
            serialNumber: null,
            vendorId: null,
            productId: null,
            configured: true,
            present: false,
          });
        }
      }
      return out;
    },

    'devices.scale.tare': () => scaleCommand('tare'),
    'devices.scale.zero': () => scaleCommand('zero'),

    'devices.printer.status': async () => {
      const report = await s.devices.printer.queryStatus().catch(() => null);
      const st = s.devices.printer.status();
      return {
        state: st.state,
        detail: st.detail,
        report: report ? { ready: report.ready, fault: report.fault, conditions: report.conditions } : null,
      };
    },

    'devices.printer.test': async () => {
      const cfg = s.config().devices.printer;
      const layout = calibrationLayout(labelSize(s.config()), {
        printer: `${cfg.language.toUpperCase()} ${cfg.interface}`,
        dpi: cfg.dpi,
        offsetXmm: cfg.offsetXmm,
        offsetYmm: cfg.offsetYmm,
        density: cfg.density,
      });
      try {
        return await s.devices.printer.print({ id: `test-${newId(s.clock.now())}`, layout, reprint: false, copies: 1 });
      } catch (err) {
        throw deviceError('test print', err);
      }
    },
  };
}
