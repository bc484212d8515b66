// Builds and runs the WeChat Open Platform simulator (cmd/wxsim) on a free
// loopback port, and drives its control API. The service under test is pointed
// at it with serviceEnv().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goBuild, stopChild } from './server.mjs';

/** Credentials both the simulator and the service are started with. */
export const SIM_CREDENTIALS = {
  appid: 'wxe2e0123456789abc',
  secret: 'e2esecret0123456789abcdef0123456',
  token: 'e2etoken',
  aeskey: 'E2eAesKey0123456789abcdefghijklmnopqrstuvwx', // 43 characters
};

/** The simulator's preset accounts (seed 2): WeChat's go-live test accounts. */
export const SIM_ACCOUNTS = {
  oa: { appid: 'wx570bc396a51b8ff8', name: '全网发布测试公众号' },
  mini: { appid: 'wxd101a85aa106f53e', name: '全网发布测试小程序' },
};

const READY_TIMEOUT_MS = 20_000;

/**
 * Starts wxsim on port, pushing to callback (the service's base URL), and
 * returns { baseUrl, serviceEnv(), control helpers, logs(), stop() }.
 * E2E_SIM_BINARY points at a prebuilt simulator instead of building one.
 */
export async function startSim({ port, callback, credentials = SIM_CREDENTIALS }) {
  const dir = mkdtempSync(join(tmpdir(), 'wxsim-e2e-'));
  const binary = process.env.E2E_SIM_BINARY || goBuild('./cmd/wxsim', join(dir, 'wxsim'));
  const args = [
    '-addr', `127.0.0.1:${port}`,
    '-callback', callback,
    '-appid', credentials.appid,
    '-secret', credentials.secret,
    '-token', credentials.token,
    '-aeskey', credentials.aeskey,
    '-mode', 'standard',
    '-ticket-interval', '0',
    '-seed', '2',
  ];
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const logs = () => output;
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`wxsim exited with ${child.exitCode}:\n${logs()}`);
    }
    try {
      if ((await fetch(`${baseUrl}/sim/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wxsim not ready after ${READY_TIMEOUT_MS} ms:\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  /** POSTs to the control API and returns its JSON answer. */
  const control = async (path, body = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`wxsim ${path} → HTTP ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  return {
    baseUrl,
    logs,
    stop,
    /** The service environment the simulator's flags imply (what wxsim prints at start). */
    serviceEnv: () => ({
      WX_API_BASE: baseUrl,
      WX_MP_BASE: baseUrl,
      WX_OPEN_BASE: baseUrl,
      WX_APPID: credentials.appid,
      WX_APPSECRET: credentials.secret,
      WX_TOKEN: credentials.token,
      WX_ENCODING_AES_KEY: credentials.aeskey,
      WX_CALLBACK_MODE: 'standard',
    }),
    /** POSTs body to a control endpoint (path such as /sim/authorize); resolves to its JSON answer. */
    control,
    /** Pushes a component_verify_ticket; resolves to the answer ({ticket, push: {delivered, attempts}}). */
    pushTicket: () => control('/sim/push-ticket'),
    /** Revokes an account in WeChat and sends the unauthorized push. */
    revoke: (appid) => control('/sim/revoke', { appid }),
    /** Makes the next count calls of api fail with errcode. */
    fault: (api, errcode, count = 1) => control('/sim/fault', { api, errcode, count }),
    state: async () => (await fetch(`${baseUrl}/sim/state`)).json(),
  };
}

/** One line per push attempt, for assertion messages. */
export function describePush(answer) {
  const attempts = answer?.push?.attempts ?? [];
  const lines = attempts.map((a) => `  attempt ${a.attempt}: ${a.status ?? ''} ${a.error ?? ''} ${String(a.body ?? '').slice(0, 200)}`);
  return [answer?.error ?? '', ...lines].join('\n');
}
