// `vite build bot/widget-ui` (npm run build:widget). Builds the buyer widget as ONE self-contained classic script (IIFE) so a store adds it with a single tag.
import { defineConfig } from 'vite';

export default defineConfig({
  // Preact's automatic JSX runtime configured on Vite's own transformer: no preset plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2019',
    sourcemap: true,
    lib: { entry: 'src/ui/main.tsx', formats: ['iife'], name: 'KaDeskWidget', fileName: () => 'widget.js' },
  },
});
