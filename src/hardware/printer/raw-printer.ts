// A label printer spoken to in its own language (TSPL, ZPL, ESC/POS) over raw TCP 9100, a device
// file or a serial port. Before each job, on a two-way link, it asks the printer how it is: a
// printer with its paper out would otherwise swallow the job and print it later, after the packer
// has already reprinted it (hardware.md C.4). Every job is journaled before and after it is sent
// (journal.ts), so a job retried after a crash or a fault is never printed twice (the Odoo IoT box
// does the same), and one interrupted while sending is never sent again as an unmarked original.
import type { LineSettings } from '../scale/protocol.js';
import { StatusCell, StatusDevice } from '../status.js';
import { openDeviceFile } from '../transport/device-file.js';
import { request } from '../transport/request.js';
import { KeptLink, openSerial } from '../transport/serial.js';
import { openTcp } from '../transport/tcp.js';
import type { ByteLink, PrinterInterface } from '../transport/types.js';
import {
  PrinterFault,
  PrintUncertain,
  type DeviceStatus,
  type LabelPrinter,
  type PrintJob,
  type PrintResult,
} from '../types.js';
import { PrintJournal } from './journal.js';
import type { EncodeOptions, LabelEncoder, PageLanguage, PrinterStatusReport, StatusProtocol } from './types.js';

export { PrintJournal } from './journal.js';

export type RealPrinterInterface = Exclude<PrinterInterface, { kind: 'sim' }>;

export interface RawLabelPrinterOptions {
  language: PageLanguage;
  iface: RealPrinterInterface;
  encoder: LabelEncoder;
  encodeOptions: EncodeOptions;
  /** null, or a one-way link: jobs are sent without asking first. */
  status: StatusProtocol | null;
  twoWay: boolean;
  statusTimeoutMs: number;
  faultPollMs?: number;
  idlePollMs?: number;
  /** The job journal (journal.ts); without it the journal lives only as long as the process. */
  journalFile?: string;
  connectTimeoutMs?: number;
  reconnect?: { minMs: number; maxMs: number };
  open?: (iface: RealPrinterInterface) => Promise<ByteLink>;
  /** The station's clock (a device file's write-stall timeout). */
  now: () => number;
}

/** Serial printers without settings in the interface string: 9600 8N1 is what they ship with. */
const SERIAL_DEFAULTS: LineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

function describe(iface: RealPrinterInterface): string {
  return iface.kind === 'tcp' ? `${iface.host}:${iface.port}` : iface.path;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export class RawLabelPrinter extends StatusDevice implements LabelPrinter {
  readonly kind: string;
  readonly simulated = false;
  readonly language: string;
  /** Serial only: the kept-open port's own state, beneath the printer's. */
  private readonly linkStatus = new StatusCell({ state: 'disconnected', detail: null });
  private printerState: DeviceStatus = { state: 'connecting', detail: null };
  private readonly journal: PrintJournal;
  private readonly keeper: KeptLink | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private faulted = false;
  private running = false;

  constructor(private readonly opts: RawLabelPrinterOptions) {
    super();
    this.kind = opts.iface.kind;
    this.language = opts.language;
    this.journal = new PrintJournal(opts.journalFile);
    if (opts.iface.kind === 'serial') {
      const iface = opts.iface;
      this.keeper = new KeptLink({
        label: `printer ${iface.path}`,
        open: () => this.openLink(),
        reconnect: opts.reconnect ?? { minMs: 500, maxMs: 10_000 },
        status: this.linkStatus,
        attach: () => () => {},
      });
      this.linkStatus.subscribe((s) => {
        this.refresh();
        if (s.state === 'ready') void this.check(); // the port is back: is the printer?
      });
    }
  }

  async start(): Promise<void> {
    this.running = true;
    this.status_.set({ state: 'connecting', detail: `connecting to ${describe(this.opts.iface)}` });
    if (this.keeper) this.keeper.start();
    else void this.check();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    await this.chain.catch(() => {});
    await this.keeper?.stop();
    this.status_.set({ state: 'disconnected', detail: null });
  }

  print(job: PrintJob): Promise<PrintResult> {
    return this.serial(async () => {
      const before = this.journal.lookup(job.id);
      if (before?.done) return { jobId: job.id, duplicate: true };
      // Sent before, never recorded as delivered: the station died (or the link broke) mid-send, and
      // the label may be out. A status answer cannot say whether it printed, so an original is not
      // sent again; a copy marked 补打 REPRINT is, and no one mistakes it for a second parcel.
      if (before && !job.reprint) throw new PrintUncertain(job.id);
      const bytes = this.opts.encoder.encode(job.layout, {
        ...this.opts.encodeOptions,
        copies: Math.max(1, job.copies),
      });
      const link = await this.acquire();
      try {
        if (this.canAsk(link)) {
          const report = await this.ask(link);
          if (!report.ready) throw this.faultFrom(report);
        }
        this.journal.intent(job.id);
        try {
          await link.write(bytes);
        } catch (err) {
          throw this.fault(
            'offline',
            `sending the label to ${describe(this.opts.iface)} failed: ${(err as Error).message}`,
            'disconnected',
          );
        }
        this.journal.done(job.id);
      } finally {
        await this.release(link);
      }
      this.healthy();
      return before ? { jobId: job.id, duplicate: false, uncertain: true } : { jobId: job.id, duplicate: false };
    });
  }

  /** The printer's own answer, for the settings screen; null when it cannot or did not answer. */
  queryStatus(): Promise<PrinterStatusReport | null> {
    return this.serial(async () => {
      let link: ByteLink;
      try {
        link = await this.acquire();
      } catch {
        return null;
      }
      try {
        if (!this.canAsk(link)) return null;
        const report = await this.ask(link);
        if (report.ready) this.healthy();
        else this.faultFrom(report);
        return report;
      } catch {
        return null;
      } finally {
        await this.release(link);
      }
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  private openLink(): Promise<ByteLink> {
    const { iface } = this.opts;
    if (this.opts.open) return this.opts.open(iface);
    if (iface.kind === 'tcp')
      return openTcp(iface.host, iface.port, { connectTimeoutMs: this.opts.connectTimeoutMs ?? 3000 });
    if (iface.kind === 'device') return openDeviceFile(iface.path, { twoWay: this.opts.twoWay, now: this.opts.now });
    return openSerial(iface.path, { ...SERIAL_DEFAULTS, ...iface.line });
  }

  /** TCP and device files: a connection per job (printers serve one client at a time); serial: the kept port. */
  private async acquire(): Promise<ByteLink> {
    if (this.keeper) {
      const link = this.keeper.current();
      if (!link)
        throw this.fault(
          'offline',
          this.linkStatus.get().detail ?? `serial port ${describe(this.opts.iface)} is not open`,
          'disconnected',
        );
      return link;
    }
    try {
      return await this.openLink();
    } catch (err) {
      throw this.fault('offline', (err as Error).message, 'disconnected');
    }
  }

  private async release(link: ByteLink): Promise<void> {
    if (!this.keeper) await link.close().catch(() => {});
  }

  private canAsk(link: ByteLink): boolean {
    return this.opts.status !== null && this.opts.twoWay && link.twoWay;
  }

  private async ask(link: ByteLink): Promise<PrinterStatusReport> {
    const status = this.opts.status as StatusProtocol;
    let answer: Uint8Array | null;
    try {
      answer = await request(link, status.query, (buf) => status.complete(buf), this.opts.statusTimeoutMs);
    } catch (err) {
      throw this.fault(
        'offline',
        `status query to ${describe(this.opts.iface)} failed: ${(err as Error).message}`,
        'disconnected',
      );
    }
    // Zebras say nothing at all while paper is out or the head is open (hardware.md C.2).
    if (answer === null)
      throw this.fault('offline', `no answer to status query within ${seconds(this.opts.statusTimeoutMs)}`, 'error');
    return status.parse(answer);
  }

  private faultFrom(report: PrinterStatusReport): PrinterFault {
    const reason = report.fault ?? 'error';
    return this.fault(
      reason,
      report.conditions.length > 0 ? report.conditions.join(', ') : reason.replace('_', ' '),
      'error',
    );
  }

  /** Records a fault (status, polling until it clears) and returns the error to throw. */
  private fault(reason: PrinterFault['reason'], detail: string, state: 'error' | 'disconnected'): PrinterFault {
    this.faulted = true;
    this.printerState = { state, detail };
    this.refresh();
    this.schedule();
    return new PrinterFault(reason, detail);
  }

  private healthy(): void {
    this.faulted = false;
    this.printerState = { state: 'ready', detail: null };
    this.refresh();
    this.schedule();
  }

  private refresh(): void {
    const link = this.linkStatus.get();
    this.status_.set(this.keeper && link.state !== 'ready' ? link : this.printerState);
  }

  /** One look at the printer: open (and ask, where it can answer); sets the status either way. */
  private check(): Promise<void> {
    return this.serial(async () => {
      if (!this.running) return;
      let link: ByteLink;
      try {
        link = await this.acquire();
      } catch {
        return; // acquire recorded the fault
      }
      try {
        if (this.canAsk(link)) {
          const report = await this.ask(link);
          if (!report.ready) this.faultFrom(report);
          else this.healthy();
        } else this.healthy();
      } catch {
        // ask recorded the fault
      } finally {
        await this.release(link);
      }
    });
  }

  /**
   * While faulted, look every faultPollMs until the printer is ready (the status change to
   * `ready` makes the core's print queue retry); otherwise, on links that answer, every idlePollMs
   * so an unplugged printer shows as such before the next label.
   */
  private schedule(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    if (!this.running) return;
    const answers = this.opts.status !== null && this.opts.twoWay;
    if (!this.faulted && !answers) return;
    const delay = this.faulted ? (this.opts.faultPollMs ?? 2000) : (this.opts.idlePollMs ?? 15_000);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.check();
    }, delay);
  }
}
