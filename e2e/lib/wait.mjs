// Waiting for what the service does in the background (deliveries, re-read settings, renders).
import assert from 'node:assert/strict';

/**
 * Polls fn until it returns something truthy and returns that; after timeoutMs fails with
 * message() (which may be async, to describe what the page shows then).
 */
export async function eventually(fn, message, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(await message());
    await new Promise((r) => setTimeout(r, 250));
  }
}
