// The hub keeps answering during a big CSV import: parsing runs on a worker thread and rows are
// written in chunks (hardening §4; one run saw a 100,000-line import stall the hub 3.5 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { startHub } from '../../cloud/app.js';
import { hubConfigSchema } from '../../cloud/config.js';
import { gtinCheckDigit } from '../../domain/barcode/index.js';
import { ms, verdict } from './stats.js';

const ADMIN = 'bench-admin-token-0123456789abcdef';

function productCsv(lines: number): string {
  const rows = ['sku,barcodes,title,weight,category,price'];
  for (let i = 1; i <= lines; i++) {
    const sku = `BENCH-${String(i).padStart(6, '0')}`;
    const body = `69${String(i).padStart(10, '0')}`;
    rows.push(`${sku},${body}${gtinCheckDigit(body)},测试商品 ${i},${100 + (i % 900)},general,${(i % 500) + 1}.90`);
  }
  return `${rows.join('\n')}\n`;
}

export async function benchHubImport(opts: { lines: number; log: (line: string) => void }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-import-'));
  const config = hubConfigSchema.parse({ hub: { adminToken: ADMIN }, stations: { poolTarget: 0 } });
  const hub = await startHub({ config, dataDir: dir, port: 0, logger: pino({ level: 'silent' }) });
  try {
    const body = JSON.stringify({ csvBase64: Buffer.from(productCsv(opts.lines)).toString('base64') });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    // A desk's view meanwhile: how long a small request waits while the import runs.
    let slowest = 0;
    let probing = true;
    const probe = async () => {
      while (probing) {
        const t0 = performance.now();
        await fetch(`${hub.url}/v1/health`);
        slowest = Math.max(slowest, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    delay.enable();
    const probing$ = probe();
    const t0 = performance.now();
    const res = await fetch(`${hub.url}/v1/admin/import/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body,
    });
    const took = performance.now() - t0;
    probing = false;
    await probing$;
    delay.disable();
    const summary = (await res.json()) as { imported: number; errors: string[] };
    const stall = delay.max / 1e6;
    opts.log(
      `  ${opts.lines.toLocaleString('en-US')}-line product import: ${summary.imported.toLocaleString('en-US')} imported in ${(took / 1000).toFixed(1)} s`,
    );
    opts.log(
      `  longest event-loop stall meanwhile: ${ms(stall)} (target: no stall of seconds, ≤ 500 ms; was 3.5 s) ${verdict(stall <= 500)}`,
    );
    opts.log(`  slowest /v1/health answer meanwhile: ${ms(slowest)} (target ≤ 500 ms) ${verdict(slowest <= 500)}`);
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
