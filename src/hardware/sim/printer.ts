// A label printer that keeps every job it accepted (so tests and the UI can look at them) and can be
// switched to "paper out". It refuses a job id it has already printed, like the real drivers must.
import { Listeners, StatusDevice } from '../status.js';
import { PrinterFault, type LabelPrinter, type PrintJob, type PrintResult } from '../types.js';

export interface SimPrintedJob {
  job: PrintJob;
  at: number;
}

export class SimPrinter extends StatusDevice implements LabelPrinter {
  readonly kind = 'sim';
  readonly simulated = true;
  private readonly printed = new Map<string, SimPrintedJob>();
  private paperOut: boolean;
  readonly jobsChanged = new Listeners<SimPrintedJob>();

  constructor(
    readonly language: string,
    private readonly now: () => number,
    opts: { paperOut?: boolean } = {},
  ) {
    super();
    this.paperOut = opts.paperOut ?? false;
  }

  async start(): Promise<void> {
    this.applyStatus();
  }

  async stop(): Promise<void> {
    this.status_.set({ state: 'disconnected', detail: null });
  }

  setPaperOut(paperOut: boolean): void {
    this.paperOut = paperOut;
    this.applyStatus();
  }

  isPaperOut(): boolean {
    return this.paperOut;
  }

  async print(job: PrintJob): Promise<PrintResult> {
    if (this.printed.has(job.id)) return { jobId: job.id, duplicate: true };
    if (this.paperOut) throw new PrinterFault('paper_out', 'paper out');
    const entry = { job, at: this.now() };
    this.printed.set(job.id, entry);
    this.jobsChanged.emit(entry);
    return { jobId: job.id, duplicate: false };
  }

  jobs(): SimPrintedJob[] {
    return [...this.printed.values()];
  }

  private applyStatus(): void {
    this.status_.set(this.paperOut ? { state: 'error', detail: 'paper_out' } : { state: 'ready', detail: null });
  }
}
