#!/usr/bin/env node
// Entry point for `npx packdesk …`; the code lives in dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/hosts/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('Packdesk is not built yet: run `npm run build` (or `npm start`, which builds first).\n');
  process.exit(2);
}
const { main } = await import(cli.href);
await main(process.argv.slice(2));
