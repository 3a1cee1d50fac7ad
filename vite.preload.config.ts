// Bundles the sandboxed Electron preload into one CommonJS file. Under `sandbox: true` a preload
// can `require('electron')` and a few polyfilled builtins but no local file, so everything it
// imports (the shared method list, the wire constants) must be inlined. Run by scripts/build.js:
//   vite build --config vite.preload.config.ts
// Check after a change: the output must contain no require() other than require("electron").
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // The renderer's public/ folder has nothing to do with the preload.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/electron',
    // dist/electron holds only this bundle; emptying it removes a stale preload.js from old builds.
    emptyOutDir: true,
    // Electron 40 ships Chromium 144; the preload runs there, not in Node.
    target: 'chrome140',
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'src/hosts/electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
