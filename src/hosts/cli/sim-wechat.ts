// `packdesk sim wechat-printer`: WeChat's e-waybill print component for machines without it (it
// exists for Windows and Mac only) and for tests. A WebSocket server on 127.0.0.1 speaking the
// component's messages (src/hardware/sim/wechat-component.ts); stdin takes commands.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { WechatComponentSim, type WechatSimEvent } from '../../hardware/sim/wechat-component.js';

/** An option the operator got wrong; sim.ts prints it with the usage (exit code 2). */
export class WechatSimOptionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WechatSimOptionError';
  }
}
const SimOptionError = WechatSimOptionError;

/** What sim.ts hands every simulator (its SimIo). */
interface SimIo {
  stdin: NodeJS.ReadableStream;
  out(line: string): void;
  err(line: string): void;
  stopSignal?: Promise<void>;
}

export const WECHAT_SIM_USAGE = `  packdesk sim wechat-printer [--port 12705] [--dir DIR] [--fail-next N] [--hold-next N]
      --fail-next: the next N tasks answer success:false (nothing printed)
      --hold-next: the next N print requests print and are never answered (a crash test)
      stdin: fail N | hold N | drop (close every connection) | tasks | quit
`;

function count(option: string, value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,6}$/.test(value)) throw new SimOptionError(`${option}: expected a whole number 0–999999, got "${value}"`);
  return Number(value);
}

function describe(e: WechatSimEvent): string | null {
  if (e.kind === 'request') return null;
  if (e.kind === 'failed') return `task ${e.taskID} failed: ${e.reason}`;
  const t = e.task;
  return `task ${t.seq} ${t.taskID}${t.reprint ? ' (reprint)' : ''} printed on ${t.printer}${t.file ? ` → ${t.file}` : ''}${e.answered ? '' : ' (answer held)'}`;
}

export async function simWechatPrinter(argv: string[], io: SimIo): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      dir: { type: 'string' },
      'fail-next': { type: 'string' },
      'hold-next': { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 12705 : count('--port', values.port);
  if (port > 65535) throw new SimOptionError(`--port: expected 0–65535, got "${values.port}"`);
  const sim = new WechatComponentSim({ port, dir: values.dir ?? null });
  sim.failNext(count('--fail-next', values['fail-next']));
  sim.holdNext(count('--hold-next', values['hold-next']));
  sim.onEvent((e) => {
    const line = describe(e);
    if (line) io.out(line);
  });
  const bound = await sim.listen().catch((err: unknown) => {
    const e = err as NodeJS.ErrnoException;
    throw new SimOptionError(
      `--port: cannot listen on 127.0.0.1:${port}: ${e.code === 'EADDRINUSE' ? 'address already in use (is the real component running?)' : e.message}`,
      { cause: err },
    );
  });
  io.out(
    `WeChat print component simulator on ws://127.0.0.1:${bound}, ${values.dir ? `tasks saved to ${values.dir}` : 'tasks kept in memory (--dir to save them)'}`,
  );
  await new Promise<void>((resolve) => {
    const rl = createInterface({ input: io.stdin });
    const done = () => {
      rl.close();
      resolve();
    };
    rl.on('line', (raw) => {
      const line = raw.trim().toLowerCase();
      if (line === '') return;
      const m = /^(fail|hold) (\d{1,6})$/.exec(line);
      if (line === 'quit' || line === 'exit') done();
      else if (m?.[1] === 'fail') sim.failNext(Number(m[2]));
      else if (m?.[1] === 'hold') sim.holdNext(Number(m[2]));
      else if (line === 'drop') sim.dropClients();
      else if (line === 'tasks')
        for (const t of sim.tasks()) io.out(`task ${t.seq} ${t.taskID}${t.reprint ? ' (reprint)' : ''} ${t.printer}`);
      else io.err(`unknown command "${raw.trim()}": expected fail N, hold N, drop, tasks or quit`);
    });
    void io.stopSignal?.then(done);
  });
  await sim.close();
}
