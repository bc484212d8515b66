// A service wired to the WeChat simulator, with a logged-in browser page: the setup of the
// tests that need WeChat's side (authorization, code management).
import assert from 'node:assert/strict';
import { browserSkip, launchBrowser, watchCsp } from './browser.mjs';
import { login } from './console.mjs';
import { ADMIN, assertConsoleBuilt, freePort, startServer } from './server.mjs';
import { describePush, startSim } from './sim.mjs';
import { eventually } from './wait.mjs';

/** The `skip` option: a browser is needed, and the test starts its own service. */
export function wiredSkip() {
  return browserSkip() || (process.env.E2E_BASE_URL ? 'E2E_BASE_URL is set: this test starts its own service wired to the simulator' : false);
}

/** Only loopback traffic: head images point at WeChat's CDN, which must never be contacted. */
const isLoopback = (url) => /^(127\.|localhost$|\[::1\]$)/.test(new URL(url).hostname);

/**
 * Starts the simulator, the service pushing to each other, and a logged-in page that reaches
 * only loopback; page errors are appended to pageErrors. Returns { sim, server, browser, page,
 * cspViolations }; on failure what was started is stopped again.
 */
export async function startWired(pageErrors) {
  const w = {};
  try {
    assertConsoleBuilt();
    w.browser = await launchBrowser(); // first: a missing browser should not cost a Go build
    const [simPort, servicePort] = [await freePort(), await freePort()];
    w.sim = await startSim({ port: simPort, callback: `http://127.0.0.1:${servicePort}` });
    w.server = await startServer(w.sim.serviceEnv(), { port: servicePort });
    const context = await w.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()));
    w.cspViolations = await watchCsp(context);
    w.page = await context.newPage();
    w.page.setDefaultTimeout(15_000); // a failed step should not hold up the rest for 30 s each
    w.page.on('pageerror', (err) => pageErrors.push(err.message));
    await login(w.page, w.server.baseUrl, ADMIN);
    return w;
  } catch (err) {
    await stopWired(w);
    throw err;
  }
}

/** Stops what startWired started; the logs are printed when the suite t failed (or E2E_VERBOSE). */
export async function stopWired({ sim, server, browser }, t) {
  await browser?.close();
  if (t?.failed || process.env.E2E_VERBOSE) console.log(`service log:\n${server?.logs()}\nsimulator log:\n${sim?.logs()}`);
  await server?.stop();
  await sim?.stop();
}

/**
 * GETs a console API path (such as /wxcomponent/admin/ticket) with the page's session and
 * resolves to the answer's data, or undefined when the service answers an error.
 */
export async function adminGet({ server, page }, path) {
  const url = `${server.baseUrl}${path}`;
  const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join('; '); // Path=/wxcomponent
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.json().catch(() => ({}));
  return res.ok && body.code === 0 ? body.data : undefined;
}

// The service acknowledges a push once it is recorded; a background job applies it a moment
// later (on a busy machine, later still). The helpers below wait for that job, so a test never
// reads the service before the push took effect.

/**
 * Pushes a ticket until the service acknowledges it (a few tries: the service may still be
 * starting), then waits until the service has stored it. w holds sim, server and a logged-in page.
 */
export async function pushTicket(w) {
  let answer;
  for (let i = 0; i < 5; i++) {
    answer = await w.sim.pushTicket();
    if (answer.push?.delivered) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!answer.push?.delivered) assert.fail(`the service did not acknowledge the component_verify_ticket push:\n${describePush(answer)}`);
  await eventually(
    async () => (await adminGet(w, '/wxcomponent/admin/ticket'))?.ticket === answer.ticket,
    () => `the service did not store the pushed component_verify_ticket:\n${w.server.logs()}`,
  );
  return answer;
}

/**
 * WeChat authorizes appid (the simulator grants its permission sets), the service acknowledges
 * the "authorized" push and then lists the account as authorized.
 */
export async function authorize(w, appid) {
  const grant = await w.sim.control('/sim/authorize', { appid });
  assert.ok(grant.push?.delivered, `the service did not acknowledge the authorized push:\n${describePush(grant)}`);
  await eventually(
    async () => (await adminGet(w, `/wxcomponent/admin/authorizer-list?appid=${appid}&status=authorized&offset=0&limit=1`))?.total === 1,
    () => `the service did not store the authorization of ${appid}:\n${w.server.logs()}`,
  );
  return grant;
}
