// The desk's local UI server belongs to the desk, proven with a real Chromium: a page from another
// origin on the same PC cannot open the station's WebSocket, on /ws or on an encoded path like
// /%77s, with or without a guessed secret; the station's own page can.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationProcess, writeConfig, type StationProcess } from '../helpers/process.js';

let station: StationProcess;
let evil: Server;
let evilUrl: string;
let browser: Browser;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-origin-'));
  const config = writeConfig(dir, {
    station: { id: 'ORIGIN-1' },
    ui: { port: 0 },
    devices: { scanner: { kind: 'keyboard' }, scale: { kind: 'sim' }, printer: { language: 'tspl', interface: 'sim' } },
  });
  station = await startStationProcess({ config, data: dir });
  // Another web page the packer might open on the desk PC: same machine, another port.
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>some shop</title><p>hello</p>');
  });
  await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => evil?.close(ok));
  await station?.stop();
});

/** In the page: try to open `url`; 'open' if it did (and could ask for a snapshot), else 'refused'. */
async function tryFrom(pageUrl: string, socketUrl: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(pageUrl);
    return await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => {
            ws.send(JSON.stringify({ t: 'req', id: 1, method: 'station.snapshot', args: {} }));
          };
          ws.onmessage = () => resolve('open');
          ws.onerror = () => resolve('refused');
          ws.onclose = () => resolve('refused');
        }),
      socketUrl,
    );
  } finally {
    await page.close();
  }
}

describe('the station UI socket from a real browser', () => {
  it('refuses a page from another origin on every path, with or without a guessed secret', async () => {
    const base = `ws://127.0.0.1:${station.port}`;
    for (const path of ['/ws', '/%77s', '/%2fws', '/ws?session=guess', '/%77s?session=guess', '//ws'])
      expect(await tryFrom(evilUrl, `${base}${path}`), path).toBe('refused');
  });

  it("lets the station's own page connect (it carries the session secret)", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(station.url);
      const secret = await page.locator('meta[name="packdesk-session"]').getAttribute('content');
      expect(secret).toBeTruthy();
    } finally {
      await page.close();
    }
    const html = await (await fetch(station.url)).text();
    const secret = /content="([^"]+)"/.exec(html.slice(html.indexOf('packdesk-session')))?.[1] ?? '';
    expect(await tryFrom(station.url, `ws://127.0.0.1:${station.port}/ws?session=${secret}`)).toBe('open');
    // The real secret does not help a foreign page either: the Origin is checked too.
    expect(await tryFrom(evilUrl, `ws://127.0.0.1:${station.port}/ws?session=${secret}`)).toBe('refused');
  });
});
