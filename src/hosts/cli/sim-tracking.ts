// `packdesk sim tracking`: a Kuaidi100 stand-in (src/demo/tracking-sim) for trying the hub's tracking
// without an account, and for tests. The hub's tracking.providers.kuaidi100.url points at it; it
// takes the subscriptions and, on command, posts signed callbacks — out of order and duplicated
// when asked.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Kuaidi100Sim, KUAIDI100_STEP, pushPlan } from '../../demo/tracking-sim/kuaidi100-sim.js';

export class TrackingSimOptionError extends Error {
  override readonly name = 'TrackingSimOptionError';
}

interface SimIo {
  stdin: NodeJS.ReadableStream;
  out(line: string): void;
  err(line: string): void;
  stopSignal?: Promise<void>;
}

export const TRACKING_SIM_USAGE = `  packdesk sim tracking [--port 5290] [--key KEY]
      a Kuaidi100 stand-in: subscriptions at http://127.0.0.1:PORT/poll (tracking.providers.kuaidi100.url)
      stdin: subs | push WAYBILL STATE[,STATE…] [--out-of-order] [--dup N] | quit
      STATE: ${Object.keys(KUAIDI100_STEP).join(', ')} (one hour apart, the last now)
`;

const HOUR = 3_600_000;

/** One stdin line: what to push, or why the line is wrong. */
export function parsePushCommand(
  line: string,
): { waybill: string; states: string[]; outOfOrder: boolean; dup: number } | string {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'push' || words.length < 3)
    return 'expected: push WAYBILL STATE[,STATE…] [--out-of-order] [--dup N]';
  const [, waybill = '', list = '', ...flags] = words;
  const states = list.split(',').filter(Boolean);
  const bad = states.find((s) => !(s in KUAIDI100_STEP));
  if (bad) return `unknown state "${bad}": expected ${Object.keys(KUAIDI100_STEP).join(', ')}`;
  let outOfOrder = false;
  let dup = 1;
  for (let i = 0; i < flags.length; i += 1) {
    if (flags[i] === '--out-of-order') outOfOrder = true;
    else if (flags[i] === '--dup' && /^\d{1,2}$/.test(flags[i + 1] ?? '') && Number(flags[i + 1]) >= 1) {
      dup = Number(flags[i + 1]);
      i += 1;
    } else return `unknown option "${flags[i] ?? ''}": expected --out-of-order or --dup N (1–99)`;
  }
  return { waybill, states, outOfOrder, dup };
}

export async function simTracking(argv: string[], io: SimIo): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, key: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 5290 : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '5290') || port > 65535)
    throw new TrackingSimOptionError(`--port: expected 0–65535, got "${values.port ?? ''}"`);
  const sim = new Kuaidi100Sim(values.key ?? null);
  const url = await sim.listen(port).catch((err: unknown) => {
    throw new TrackingSimOptionError(
      `--port: cannot listen on 127.0.0.1:${port}: ${err instanceof Error ? err.message : String(err)}`,
    );
  });
  io.out(`Kuaidi100 simulator: subscribe at ${url}${values.key ? '' : ' (any key)'}`);
  await new Promise<void>((resolve) => {
    const rl = createInterface({ input: io.stdin });
    const done = () => {
      rl.close();
      resolve();
    };
    rl.on('line', (raw) => {
      const line = raw.trim();
      if (line === '') return;
      if (line === 'quit' || line === 'exit') {
        done();
        return;
      }
      if (line === 'subs') {
        for (const s of sim.subscriptions()) io.out(`${s.number} ${s.company} → ${s.callbackurl}`);
        return;
      }
      const cmd = parsePushCommand(line);
      if (typeof cmd === 'string') {
        io.err(cmd);
        return;
      }
      const plan = pushPlan(cmd.states, Date.now(), HOUR, cmd.outOfOrder);
      void (async () => {
        for (const steps of plan) {
          const outcomes = await sim.push(cmd.waybill, steps, cmd.dup);
          for (const o of outcomes)
            io.out(`pushed ${cmd.waybill} (${steps.length} step(s)): HTTP ${o.status} ${o.body}`);
        }
      })().catch((err: unknown) => io.err(err instanceof Error ? err.message : String(err)));
    });
    void io.stopSignal?.then(done);
  });
  await sim.close();
}
