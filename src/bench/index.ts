// `npm run bench`: prints the figures the issues set targets for. Not a test: this machine is
// shared and noisy, so numbers are reported, never asserted.
import { parseArgs } from 'node:util';
import { benchStationScan } from './station-scan.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    packs: { type: 'string', default: '1500' },
  },
});

const log = (line: string) => process.stdout.write(`${line}\n`);

log(`Packdesk benchmarks — node ${process.version}, ${new Date().toISOString()}`);
log('\n[station] scan → verdict with a large order book');
await benchStationScan({ orders: Number(values.orders), packs: Number(values.packs), log });
