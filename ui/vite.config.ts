/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Preact JSX compiled by esbuild (no plugin). Output in ui/dist, loaded by the Tauri shell under a strict
// CSP (script-src 'self'; style-src 'self'): no inline scripts, styles only from the bundled CSS file.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['es2021', 'chrome105', 'safari15'],
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test/setup.ts'],
    environment: 'node',
    // The flows click through whole screens; beside a Rust build on two cores one takes several
    // seconds. A hang still fails, 20 s in.
    testTimeout: 20_000,
  },
});
