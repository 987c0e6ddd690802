import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = `http://127.0.0.1:${process.env.PORT ?? 8080}`;

// The dashboard: built into dist/web and served by the API server; `npm run dev` proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/bot', '/health', '/metrics', '/docs'].map((p) => [p, { target: api, changeOrigin: false }]),
    ),
  },
});
