// Renderer build: src/renderer → dist/renderer. `base: './'` keeps asset URLs relative so the same
// build loads from file:// in Electron and from the browser-mode host.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('./src/renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // bwip-js (the whole BWIPP encoder, ~1 MB) dominates the bundle. It is loaded from local disk or
    // localhost, never over a WAN, so one chunk is simpler than splitting it for a size warning.
    chunkSizeWarningLimit: 1600,
  },
});
