// `devices.wechatComponent.url: "sim"`: WeChat's print component simulated inside the station (the
// demo, browser tests, Linux), behind the real driver over a real WebSocket on 127.0.0.1, so the
// demo's Channels e-waybills take the same path as a desk with the component installed.
import { StatusDevice } from '../status.js';
import { PrinterFault, type PrintResult } from '../types.js';
import {
  WechatComponentPrinter,
  type WechatComponentOptions,
  type WechatPrintJob,
  type WechatPrinterDevice,
} from '../printer/wechat-component.js';
import type { ComponentPrinterInfo } from '../printer/wechat-component-protocol.js';
import { WechatComponentSim } from './wechat-component.js';

export class SimWechatComponentDevice extends StatusDevice implements WechatPrinterDevice {
  readonly kind = 'wechat-component';
  readonly simulated = true;
  readonly sim = new WechatComponentSim({ port: 0 });
  private driver: WechatComponentPrinter | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly opts: Omit<WechatComponentOptions, 'url'>) {
    super();
  }

  async start(): Promise<void> {
    await this.sim.listen();
    const driver = new WechatComponentPrinter({ ...this.opts, url: this.sim.url });
    this.unsubscribe = driver.onStatus((s) => this.status_.set(s));
    this.driver = driver;
    await driver.start();
  }

  async stop(): Promise<void> {
    await this.driver?.stop();
    this.unsubscribe?.();
    this.driver = null;
    await this.sim.close();
    this.status_.set({ state: 'disconnected', detail: null });
  }

  print(job: WechatPrintJob): Promise<PrintResult> {
    return this.started().print(job);
  }

  printers(): Promise<ComponentPrinterInfo[]> {
    return this.started().printers();
  }

  usePrinter(name: string): Promise<void> {
    return this.started().usePrinter(name);
  }

  appVersion(): string | null {
    return this.driver?.appVersion() ?? null;
  }

  private started(): WechatComponentPrinter {
    if (!this.driver) throw new PrinterFault('offline', 'the simulated WeChat print component is not started');
    return this.driver;
  }
}
