/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Where `npm run dev` proxies the API: VITE_API_TARGET (a base URL) when set,
 * else the Go service on this machine at PORT — read like the service reads it,
 * from the environment or the repository's .env — else http://127.0.0.1:8080.
 */
function apiTarget(mode: string): string {
  const own = loadEnv(mode, '.', 'VITE_');
  if (own.VITE_API_TARGET) return own.VITE_API_TARGET;
  const port = loadEnv(mode, '..', 'PORT').PORT;
  return `http://127.0.0.1:${port || '8080'}`;
}

// The Go service embeds client/dist and serves index.html at "/" and the
// hashed files under /wxcomponent/assets, so assets must live in that folder.
export default defineConfig(({ mode }) => {
  const target = apiTarget(mode);
  return {
    base: '/',
    plugins: [react()],
    build: {
      outDir: 'dist',
      assetsDir: 'wxcomponent/assets',
      // dist/.gitkeep is committed; the build script recreates it after emptying.
      emptyOutDir: true,
      chunkSizeWarningLimit: 800,
    },
    server: {
      proxy: {
        '/wxcomponent': { target, changeOrigin: false },
        '/healthz': { target },
      },
    },
    test: {
      // Pure logic runs in node; component tests opt into jsdom with a
      // `@vitest-environment jsdom` comment at their top.
      environment: 'node',
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test/setup.ts'],
      // Two shared cores: a typed-in form can take seconds; the default 5 s flakes.
      testTimeout: 30_000,
    },
  };
});
