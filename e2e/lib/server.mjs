// Builds the Go service once and runs it on free ports with a throw-away
// SQLite database, exactly as an operator would (environment variables only).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the Go module). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Credentials the service is started with. */
export const ADMIN = { username: 'admin', password: 'E2eTest2024pass' };

const HEALTH_TIMEOUT_MS = 30_000;

/** Fails with a clear message unless the console has been built into client/dist. */
export function assertConsoleBuilt() {
  const index = join(REPO_ROOT, 'client', 'dist', 'index.html');
  const hint = 'build the console first: npm --prefix client ci && npm --prefix client run build';
  if (!existsSync(index)) throw new Error(`client/dist/index.html is missing; ${hint}`);
  if (!readFileSync(index, 'utf8').includes('/wxcomponent/assets/')) {
    throw new Error(`client/dist/index.html is not a console build (placeholder?); ${hint}`);
  }
}

/** Ports handed out by freePort in this process: nobody listens on them until their user starts. */
const handedOut = new Set();

/**
 * Returns a TCP port that was free a moment ago and that this process has not handed out before
 * (the system may offer a port again once the probe closed it, before its user binds it).
 */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolvePort, reject) => {
      const srv = createServer();
      srv.unref();
      srv.on('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolvePort(p));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Compiles the Go package pkg (relative to the repository root) into out. */
export function goBuild(pkg, out) {
  const res = spawnSync('go', ['build', '-o', out, pkg], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 9 * 60_000 });
  if (res.status !== 0) {
    throw new Error(`go build ${pkg} failed (exit ${res.status ?? res.signal}):\n${res.stderr || res.error?.message || ''}`);
  }
  return out;
}

/** Compiles the service into dir; E2E_BINARY points at a prebuilt one instead. */
function buildBinary(dir) {
  if (process.env.E2E_BINARY) return process.env.E2E_BINARY;
  return goBuild('.', join(dir, 'wxcomponent'));
}

/** Waits until /readyz answers 200: the database is up and every endpoint is served. */
async function waitReady(baseUrl, child, logs) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode} before becoming ready:\n${logs()}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`service not ready after ${HEALTH_TIMEOUT_MS} ms:\n${logs()}`);
}

/** Stops a child process: SIGTERM, then SIGKILL after 5 s. */
export function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the service (or uses E2E_BASE_URL when set) and returns
 * { baseUrl, logs(), stop() }. extraEnv is added to (and overrides) the
 * defaults; opts.port picks the public port (when something else, such as the
 * WeChat simulator, must know it in advance).
 */
export async function startServer(extraEnv = {}, opts = {}) {
  if (process.env.E2E_BASE_URL) {
    return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), logs: () => '', stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'wxcomponent-e2e-'));
  const binary = buildBinary(dir);
  const [port, innerPort] = [opts.port ?? (await freePort()), await freePort()];
  const env = {
    ...process.env,
    INNER_ADDR: `127.0.0.1:${innerPort}`,
    SQLITE_PATH: join(dir, 'wx.db'),
    MYSQL_ADDRESS: '',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    // Every browser test comes from 127.0.0.1; the production per-IP limit
    // would make a longer suite flaky, so it is raised here.
    AUTHPAGE_RATE_LIMIT: '120',
    GIN_MODE: 'release',
    ...extraEnv,
    PORT: String(port), // after extraEnv: baseUrl below must match
  };
  const child = spawn(binary, [], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const logs = () => output;
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(baseUrl, child, logs);
  } catch (err) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    baseUrl,
    logs,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
