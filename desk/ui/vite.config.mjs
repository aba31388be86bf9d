// `vite build desk/ui` (npm run build:desk). Builds the agents' web desk as a small single-page app served at /desk.
import { defineConfig } from 'vite';

export default defineConfig({
  // Preact's automatic JSX runtime configured on Vite's own transformer, as for the buyer widget.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  base: '/desk/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
  },
});
