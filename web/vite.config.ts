import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const api = `http://127.0.0.1:${process.env.PORT ?? 8080}`;

/**
 * The API server accepts only its own names (Host) and origins (writes with the session
 * cookie): the proxy presents the dev page's requests as the API's own, and only those.
 */
const toApi: ProxyOptions = {
  target: api,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (proxyReq, req) => {
      if (req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader('origin', api);
    });
  },
};

// The dashboard: built into dist/web and served by the API server; `npm run dev` proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss()],
  // The manifest says which chunks the first page loads: what the bundle-size test weighs.
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false, manifest: true },
  server: {
    proxy: Object.fromEntries(['/api', '/bot', '/health', '/metrics', '/docs'].map((p) => [p, toApi])),
  },
});
