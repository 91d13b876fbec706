import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment and is validated here once; the
 * rest of the server receives a typed, frozen object and never reads
 * process.env itself.
 */
const envSchema = z.object({
  // Digits only: z.coerce would turn an empty KAKOU_PORT= into 0 (a random port) and accept '0x50' or '1e3'.
  KAKOU_PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a port number 0–65535')
    .default('3000')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535, 'must be a port number 0–65535')),
  KAKOU_HOST: z.string().min(1).default('127.0.0.1'),
  KAKOU_DATA_DIR: z.string().min(1).default('./data'),
  KAKOU_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  KAKOU_TLS_CERT: z.string().min(1).optional(),
  KAKOU_TLS_KEY: z.string().min(1).optional(),
  KAKOU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAKOU_COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  KAKOU_TRUST_PROXY: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isProxyAddress, 'each entry must be an IP address, a CIDR range, or loopback / linklocal / uniquelocal'))),
  // Development and tests only: lets a webhook point at a plain-http receiver on this machine.
  KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: z.enum(['0', '1'], 'must be 1 or 0').default('0'),
  // Anomalies (docs/anomalies.md): a device clock ahead of receipt by more than this is skew.
  KAKOU_ANOMALY_CLOCK_SKEW_SEC: z.coerce.number().int('whole seconds').min(1).default(300),
  // Anomalies: one pass at two checkpoints closer in time than this is an impossible journey.
  KAKOU_ANOMALY_MIN_TRAVEL_SEC: z.coerce.number().int('whole seconds').min(1).default(600),
  // Several nodes on one PostgreSQL database: the name this one goes by in the logs and the job leases.
  // The second storage engine (issue 16): absent, SQLite in the data folder. The password may be in the URL; it is never logged.
  KAKOU_DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/i, 'a postgres:// (or postgresql://) connection URL, e.g. postgres://kakou:secret@db.example:5432/kakou')
    .optional(),
  KAKOU_NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, dot, dash or underscore; at most 63, starting with a letter or digit')
    .optional(),
});

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
/**
 * Which reverse proxies may tell us the client address (X-Forwarded-For).
 * Only named addresses: "trust everyone" would let any client pick the
 * address every per-address limit counts against.
 */
function isProxyAddress(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [addr, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !addr) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export const configSchema = z.object({
  port: z.number(),
  host: z.string(),
  dataDir: z.string(),
  publicUrl: z.string(),
  /** PostgreSQL's connection URL (KAKOU_DATABASE_URL); null: SQLite in the data folder, the embedded default */
  databaseUrl: z.string().nullable(),
  /** this node's name among the nodes sharing the database (KAKOU_NODE_ID; default: the host name) */
  nodeId: z.string().min(1),
  logLevel: envSchema.shape.KAKOU_LOG_LEVEL.unwrap(),
  cookieSecret: z.string().min(32),
  secureCookies: z.boolean(),
  /** addresses or ranges of trusted reverse proxies; empty: the socket's address is the client's */
  trustProxy: z.array(z.string()),
  /** PEM files for HTTPS served by Kakou itself (the scanner's camera and service worker need a secure context off localhost) */
  tls: z.object({ certFile: z.string(), keyFile: z.string() }).nullable(),
  /**
   * Webhook URLs may be http:// and point at a loopback address (127.0.0.0/8, ::1, localhost): a
   * receiver on the same machine, for development and tests. Off, only https:// to public addresses.
   */
  webhookAllowHttpLoopback: z.boolean(),
  /** anomaly thresholds, in milliseconds (KAKOU_ANOMALY_*_SEC) */
  anomalies: z.object({ clockSkewMs: z.number().int(), minTravelMs: z.number().int() }),
});
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.KAKOU_DATA_DIR);
  const publicUrl = (e.KAKOU_PUBLIC_URL ?? `http://localhost:${e.KAKOU_PORT}`).replace(/\/$/, '');
  return Object.freeze({
    port: e.KAKOU_PORT,
    host: e.KAKOU_HOST,
    dataDir,
    publicUrl,
    databaseUrl: e.KAKOU_DATABASE_URL ?? null,
    nodeId: e.KAKOU_NODE_ID ?? (hostname() || 'kakou'),
    logLevel: e.KAKOU_LOG_LEVEL,
    cookieSecret: e.KAKOU_COOKIE_SECRET ?? readOrCreateSecret(dataDir, 'cookie-secret'),
    secureCookies: publicUrl.startsWith('https:'),
    trustProxy: Object.freeze(e.KAKOU_TRUST_PROXY) as string[],
    tls: tlsFiles(e.KAKOU_TLS_CERT, e.KAKOU_TLS_KEY),
    webhookAllowHttpLoopback: e.KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK === '1',
    anomalies: Object.freeze({ clockSkewMs: e.KAKOU_ANOMALY_CLOCK_SKEW_SEC * 1000, minTravelMs: e.KAKOU_ANOMALY_MIN_TRAVEL_SEC * 1000 }),
  });
}

/** Both or neither; each file readable and what it claims to be, so a bad path stops the start with its name, not a TLS error later. */
function tlsFiles(certFile: string | undefined, keyFile: string | undefined): Config['tls'] {
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) throw new ConfigError('Invalid configuration:\n  KAKOU_TLS_CERT and KAKOU_TLS_KEY: set both (PEM certificate chain and its private key) or neither');
  const cert = readPem('KAKOU_TLS_CERT', certFile);
  const key = readPem('KAKOU_TLS_KEY', keyFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  KAKOU_TLS_CERT: ${certFile} is not a PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  KAKOU_TLS_KEY: ${keyFile} is not a PEM private key (unencrypted)`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new ConfigError('Invalid configuration:\n  KAKOU_TLS_KEY: the key does not belong to the certificate in KAKOU_TLS_CERT');
  return { certFile: resolve(certFile), keyFile: resolve(keyFile) };
}

function readPem(name: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A secret generated on first start and kept in the data folder (0600), so restarts keep sessions valid. */
export function readOrCreateSecret(dataDir: string, name: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, name);
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim();
    // A truncated or emptied file must not silently become a weak (or empty) signing key.
    if (existing.length < 32) throw new ConfigError(`${file}: secret is shorter than 32 characters; delete the file to generate a new one`);
    return existing;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
