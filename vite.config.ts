import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a plain browser bundle: the same files are served by the web host and loaded by Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
