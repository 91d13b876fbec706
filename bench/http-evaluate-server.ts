/**
 * The server side of bench/http-evaluate.ts, run in a child process so that
 * autocannon's own CPU is not in the server's event loop. Two modes:
 *
 * - `kakou`: the real app (bench/server-world.ts) with a bureau officer's API
 *   token and an issued pass; reports { url, token, qrText, observed, jwks }.
 * - `floor <jwks json>`: a bare Fastify 5 route that parses the same JSON body
 *   and does one raw Ed25519 verify (node:crypto) of the pass's JWS per
 *   request, with the key imported once; reports { url }.
 *
 * Listens on 127.0.0.1:0 and answers the parent over IPC; exits on SIGTERM.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import Fastify from 'fastify';
import { decodePassQrText } from '../src/core/pass/index.js';

const mode = process.argv[2];

async function floor(jwks: { keys: Array<Record<string, unknown>> }) {
  const key: KeyObject = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
  const app = Fastify({ logger: false });
  app.post('/api/v1/checks/evaluate', async (request) => {
    const jws = decodePassQrText((request.body as { qrText: string }).qrText);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const ok = verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
    return { ok };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, info: { url: `http://127.0.0.1:${port}` } };
}

async function kakou() {
  const { benchServer, passWorld, evaluateToken } = await import('./server-world.js');
  const server = await benchServer();
  const world = await passWorld(server.app);
  const token = await evaluateToken(world.admin);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.app.server.address() as { port: number };
  return {
    app: { close: () => server.close() },
    info: { url: `http://127.0.0.1:${port}`, token, qrText: world.qrText, observed: world.observed, jwks: await server.app.services.keys.publishedKeys(new Date(), 'pass') },
  };
}

const started = mode === 'floor' ? await floor(JSON.parse(process.argv[3]!)) : await kakou();
const stop = async () => {
  await started.app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.send!({ ready: true, ...started.info });
