// `packdesk sim scale|printer`: device simulators for people without hardware, the demo and tests.
// A simulated scale sits on one end of a socat pty pair (hardware.md D.1) and the station opens the
// other; a simulated printer listens on raw TCP like a network label printer (C.4). Both take
// commands on stdin and, with --http, a small JSON API on 127.0.0.1 only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PrinterSimServer, type PrinterSimEvent, type SimPrinterLanguage } from '../../hardware/sim/printer-server.js';
import { SerialScaleSimulator, type ScaleSimEvent } from '../../hardware/sim/serial-scale-sim.js';
import { simWechatPrinter, WECHAT_SIM_USAGE, WechatSimOptionError } from './sim-wechat.js';
import { simTracking, TRACKING_SIM_USAGE, TrackingSimOptionError } from './sim-tracking.js';
import { getProtocol } from '../../hardware/scale/protocols/index.js';
import {
  SCALE_PROTOCOLS,
  type ScaleProtocolId,
  type SimReading,
  type WeightUnit,
} from '../../hardware/scale/protocol.js';

export const SIM_USAGE = `usage:
  packdesk sim scale --protocol P --path PATH [--weight G] [--unit kg] [--interval MS]
                     [--reversed true|false] [--stability-bit motion|stable] [--http PORT]
      protocols: ${SCALE_PROTOCOLS.join(', ')}
      stdin: 1234 (grams) | +50 | -50 | stable | unstable | overload | ok | quit
  packdesk sim printer --listen 127.0.0.1:9100 --out DIR [--language tspl|zpl|escpos] [--http PORT]
      stdin: paper out | paper ok | head open | head closed | jobs | quit
${WECHAT_SIM_USAGE}${TRACKING_SIM_USAGE}`;

export class SimOptionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimOptionError';
  }
}

export interface SimIo {
  stdin: NodeJS.ReadableStream;
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the host wants the simulator to stop (SIGINT/SIGTERM for the real CLI). */
  stopSignal?: Promise<void>;
}

function processIo(): SimIo {
  return {
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stopSignal: new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
  };
}

function choice<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new SimOptionError(`${option}: expected one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function integer(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max)
    throw new SimOptionError(`${option}: expected a whole number ${min}–${max}, got "${value}"`);
  return n;
}

function required(option: string, value: string | undefined, example: string): string {
  if (value === undefined || value === '')
    throw new SimOptionError(`${option} is required (e.g. ${option} ${example})`);
  return value;
}

const fmtReading = (r: SimReading) =>
  `${r.grams} g ${r.stable ? 'stable' : 'unstable'} ${r.status}${r.net ? ' net' : ''}`;

/** A stdin line for the scale: the reading patch it asks for, or an error message. */
export function scaleCommand(line: string, current: SimReading): Partial<SimReading> | string {
  const l = line.trim().toLowerCase();
  if (l === 'quit' || l === 'exit') return 'quit';
  // A signed number is a change (+50 / -50), an unsigned one the new weight.
  if (/^[+-]\d+(\.\d+)?$/.test(l)) return { grams: current.grams + Number(l) };
  if (/^\d+(\.\d+)?$/.test(l)) return { grams: Number(l), status: 'ok' };
  if (l === 'stable' || l === 'unstable') return { stable: l === 'stable' };
  if (l === 'overload' || l === 'underload' || l === 'ok') return { status: l };
  return `unknown command "${line.trim()}": expected grams (1234), +50 / -50, stable, unstable, overload, ok or quit`;
}

/** Body of POST /reading: {grams?, stable?, status?, net?}, each checked. */
export function readingPatch(body: unknown): Partial<SimReading> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SimOptionError('body: expected a JSON object like {"grams": 1234, "stable": true}');
  const b = body as Record<string, unknown>;
  const patch: Partial<SimReading> = {};
  for (const key of Object.keys(b))
    if (!['grams', 'stable', 'status', 'net'].includes(key))
      throw new SimOptionError(`body.${key}: unknown field (expected grams, stable, status, net)`);
  if (b.grams !== undefined) {
    if (typeof b.grams !== 'number' || !Number.isFinite(b.grams))
      throw new SimOptionError(`body.grams: expected a number, got ${JSON.stringify(b.grams)}`);
    patch.grams = b.grams;
  }
  for (const key of ['stable', 'net'] as const) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== 'boolean')
      throw new SimOptionError(`body.${key}: expected true or false, got ${JSON.stringify(b[key])}`);
    patch[key] = b[key];
  }
  if (b.status !== undefined)
    patch.status = choice(
      'body.status',
      typeof b.status === 'string' ? b.status : JSON.stringify(b.status),
      ['ok', 'overload', 'underload'] as const,
      'ok',
    );
  return patch;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  try {
    return body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new SimOptionError('body: not valid JSON');
  }
}

/** A tiny JSON API on 127.0.0.1 (never another address: the simulators have no authentication). */
async function serveHttp(port: number, routes: Record<string, (body: unknown) => unknown>): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const route = routes[`${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`];
    if (!route) {
      send(404, { error: `no route ${req.method} ${req.url}; try ${Object.keys(routes).join(', ')}` });
      return;
    }
    readJson(req)
      .then((body) => send(200, route(body)))
      .catch((err: unknown) =>
        send(err instanceof SimOptionError ? 400 : 500, { error: err instanceof Error ? err.message : String(err) }),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

function httpPort(server: Server): number {
  const a = server.address();
  return a !== null && typeof a === 'object' ? a.port : 0;
}

/** Runs until `quit` on stdin or the stop signal; stdin closing alone keeps it running (background use). */
function untilQuit(io: SimIo, onLine: (line: string) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin });
    const done = () => {
      rl.close();
      resolve();
    };
    rl.on('line', (line) => {
      if (line.trim() !== '' && !onLine(line)) done();
    });
    void io.stopSignal?.then(done);
  });
}

async function simScale(argv: string[], io: SimIo): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      protocol: { type: 'string' },
      path: { type: 'string' },
      weight: { type: 'string' },
      unit: { type: 'string' },
      interval: { type: 'string' },
      reversed: { type: 'string' },
      'stability-bit': { type: 'string' },
      http: { type: 'string' },
    },
    strict: true,
  });
  const id = choice<ScaleProtocolId>(
    '--protocol',
    required('--protocol', values.protocol, 'mt-sics'),
    SCALE_PROTOCOLS,
    'mt-sics',
  );
  const path = required('--path', values.path, '/tmp/scale-a');
  const grams = values.weight === undefined ? 0 : Number(values.weight);
  if (!Number.isFinite(grams))
    throw new SimOptionError(`--weight: expected grams as a number like 1234, got "${values.weight}"`);
  const unit = choice<WeightUnit>('--unit', values.unit, ['g', 'kg', 'lb', 'oz'], 'kg');
  const intervalMs = integer('--interval', values.interval, 10, 60_000) ?? 100;
  const reversed = choice('--reversed', values.reversed, ['true', 'false'] as const, 'true') === 'true';
  const stabilityBit = choice('--stability-bit', values['stability-bit'], ['motion', 'stable'] as const, 'motion');
  const http = integer('--http', values.http, 0, 65535);

  const protocol = getProtocol(id);
  const sim = new SerialScaleSimulator({
    path,
    protocol,
    options: { unit, reversed, stabilityBit },
    intervalMs,
    reading: { grams, stable: true, status: 'ok' },
  });
  sim.onEvent((e: ScaleSimEvent) =>
    io.out(
      e.kind === 'reading'
        ? `reading: ${fmtReading(e.reading)}`
        : `host sent ${e.command}: now ${fmtReading(e.reading)}`,
    ),
  );
  await sim.start().catch((err: unknown) => {
    throw new SimOptionError(
      `--path: ${err instanceof Error ? err.message : String(err)} (the simulator opens one end of a pty pair: socat -d -d pty,raw,echo=0,link=/tmp/scale-a pty,raw,echo=0,link=/tmp/scale-b)`,
    );
  });
  io.out(`scale simulator: ${protocol.title} (${protocol.mode}) on ${path}, ${fmtReading(sim.reading())}`);
  let server: Server | null = null;
  if (http !== undefined) {
    server = await serveHttp(http, {
      'GET /reading': () => sim.reading(),
      'POST /reading': (body) => sim.setReading(readingPatch(body)),
    });
    io.out(`http: GET/POST http://127.0.0.1:${httpPort(server)}/reading`);
  }
  await untilQuit(io, (line) => {
    const cmd = scaleCommand(line, sim.reading());
    if (cmd === 'quit') return false;
    if (typeof cmd === 'string') io.err(cmd);
    else sim.setReading(cmd);
    return true;
  });
  server?.close();
  await sim.stop();
}

function parseListen(value: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m?.[1] || port > 65535)
    throw new SimOptionError(`--listen: expected host:port like 127.0.0.1:9100, got "${value}"`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

function describeEvent(e: PrinterSimEvent): string {
  if (e.kind === 'status')
    return `status ${e.query} → ${e.answer ? [...e.answer].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `<${b.toString(16).padStart(2, '0')}>`)).join('') : 'no answer (paper out / head open)'}`;
  if (e.kind === 'held') return `job held (${e.bytes} bytes): paper out or head open, ${e.waiting} waiting`;
  return `job ${e.job.seq} saved: ${e.job.bytes.length} bytes${e.job.file ? ` → ${e.job.file}` : ''}`;
}

async function simPrinter(argv: string[], io: SimIo): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      listen: { type: 'string' },
      out: { type: 'string' },
      language: { type: 'string' },
      http: { type: 'string' },
    },
    strict: true,
  });
  const { host, port } = parseListen(values.listen ?? '127.0.0.1:9100');
  const outDir = required('--out', values.out, './printed');
  const language = choice<SimPrinterLanguage>('--language', values.language, ['tspl', 'zpl', 'escpos'], 'tspl');
  const http = integer('--http', values.http, 0, 65535);

  const printer = new PrinterSimServer({ language, host, port, outDir });
  printer.onEvent((e) => io.out(describeEvent(e)));
  const bound = await printer.listen().catch((err: unknown) => {
    const e = err as NodeJS.ErrnoException;
    throw new SimOptionError(
      `--listen: cannot listen on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'address already in use' : e.message}`,
      { cause: err },
    );
  });
  io.out(`printer simulator: ${language} on ${host}:${bound}, jobs saved to ${outDir}`);
  const jobs = () => printer.jobs().map((j) => ({ seq: j.seq, bytes: j.bytes.length, at: j.at, file: j.file }));
  let server: Server | null = null;
  if (http !== undefined) {
    server = await serveHttp(http, {
      'GET /jobs': () => jobs(),
      'GET /state': () => printer.state(),
      'POST /state': (body) => {
        const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
        for (const key of Object.keys(b)) {
          if (key !== 'paperOut' && key !== 'headOpen')
            throw new SimOptionError(`body.${key}: unknown field (expected paperOut, headOpen)`);
          if (typeof b[key] !== 'boolean')
            throw new SimOptionError(`body.${key}: expected true or false, got ${JSON.stringify(b[key])}`);
        }
        if (typeof b.paperOut === 'boolean') printer.setPaperOut(b.paperOut);
        if (typeof b.headOpen === 'boolean') printer.setHeadOpen(b.headOpen);
        return printer.state();
      },
    });
    io.out(`http: POST http://127.0.0.1:${httpPort(server)}/state, GET /jobs`);
  }
  await untilQuit(io, (line) => {
    const l = line.trim().toLowerCase().replace(/\s+/g, ' ');
    if (l === 'quit' || l === 'exit') return false;
    if (l === 'paper out' || l === 'paper ok') printer.setPaperOut(l === 'paper out');
    else if (l === 'head open' || l === 'head closed') printer.setHeadOpen(l === 'head open');
    else if (l === 'jobs')
      for (const j of jobs()) io.out(`job ${j.seq}: ${j.bytes} bytes${j.file ? ` ${j.file}` : ''}`);
    else io.err(`unknown command "${line.trim()}": expected paper out, paper ok, head open, head closed, jobs or quit`);
    if (l.startsWith('paper') || l.startsWith('head')) io.out(`state: ${JSON.stringify(printer.state())}`);
    return true;
  });
  server?.close();
  await printer.close();
}

/** `packdesk sim …`. Bad options print what was expected and set exit code 2. */
export async function runSim(argv: string[], io: SimIo = processIo()): Promise<void> {
  const [what, ...rest] = argv;
  try {
    if (what === 'scale') {
      await simScale(rest, io);
      return;
    }
    if (what === 'printer') {
      await simPrinter(rest, io);
      return;
    }
    if (what === 'wechat-printer') {
      await simWechatPrinter(rest, io).catch((err: unknown) => {
        throw err instanceof WechatSimOptionError ? new SimOptionError(err.message, { cause: err }) : err;
      });
      return;
    }
    if (what === 'tracking') {
      await simTracking(rest, io).catch((err: unknown) => {
        throw err instanceof TrackingSimOptionError ? new SimOptionError(err.message, { cause: err }) : err;
      });
      return;
    }
    throw new SimOptionError(
      what === undefined
        ? 'sim: say which device, scale, printer, wechat-printer or tracking'
        : `sim: unknown device "${what}" (expected scale, printer, wechat-printer or tracking)`,
    );
  } catch (err) {
    const parseError = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    if (!(err instanceof SimOptionError) && !parseError) throw err;
    io.err(`${err.message}\n${SIM_USAGE}`);
    process.exitCode = 2;
  }
}
