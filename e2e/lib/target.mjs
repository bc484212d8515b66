// A stand-in for the provider's business service: the far end of the forwarder and the proxy.
import { createServer } from 'node:http';
import { freePort } from './server.mjs';

/**
 * Starts a business service on a free loopback port. It records every request (method, url,
 * headers, body) and answers 200 with answer(req, body), marked X-E2e-Target: yes so a caller
 * can tell the target's answer from the service's own. Returns { port, requests, stop }.
 */
export async function startTarget(answer) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-E2e-Target': 'yes' });
      res.end(answer(req, body));
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, requests, stop: () => new Promise((resolve) => server.close(resolve)) };
}
