import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// En développement, l'API Quarkus tourne sur le port 8080.
const backend = 'http://localhost:8080'

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      // ws: the consoles' WebSockets (/api/consoles/…) go through too.
      '/api': { target: backend, ws: true },
      '/q': backend,
      '/guacamole-common-js': backend,
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    // A findBy* waits up to 5 s (test-setup.ts); a test that waits twice on a loaded machine must
    // fail by what it waited for, not by vitest's 5 s budget for the whole test.
    testTimeout: 30_000,
  },
})
