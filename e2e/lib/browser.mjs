// Launches the system's Debian Chromium through playwright-core. No browser is
// ever downloaded: without /usr/bin/chromium the tests skip locally and fail in CI.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Path of the Chromium binary (CHROMIUM_PATH overrides). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const INSTALL_HINT = 'install it with: apt-get install -y chromium fonts-wqy-microhei';

/**
 * The `skip` option for browser tests: false when Chromium is present or when
 * running in CI (where its absence must fail the run), otherwise a reason.
 */
export function browserSkip() {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') return false;
  const reason = `Chromium not found at ${CHROMIUM_PATH}; ${INSTALL_HINT}`;
  console.warn(`skipping browser tests: ${reason}`);
  return reason;
}

/** Starts headless Chromium; throws a clear error when it is missing. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; ${INSTALL_HINT}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * Records every Content-Security-Policy violation in the pages of context: the
 * securitypolicyviolation events (reported through a binding that survives
 * navigations) and Chromium's "Refused to … Content Security Policy" console
 * errors. Returns the live list; an empty list means the console satisfied its CSP.
 */
export async function watchCsp(context) {
  const violations = [];
  await context.exposeBinding('__reportCspViolation', ({ page }, text) => violations.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}
