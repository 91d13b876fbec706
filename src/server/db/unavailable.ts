/**
 * Whether an error means the database could not be reached or would not take writes (issue 16: a
 * PostgreSQL failover, a restart, a SQLite file locked past busy_timeout), rather than that the request
 * was wrong. It is answered 503 with Retry-After and the client sends it again: a scanner keeps its events
 * queued (an upload is idempotent, so a connection lost during COMMIT, when the write may or may not have
 * landed, is safe to retry), a browser shows the message.
 */
// PostgreSQL SQLSTATEs: connection exceptions (class 08), the server shutting down or starting (57P01-57P03),
// too many connections (53300), a write sent to a standby (25006: this node still points at the old
// primary, which came back as a replica, until its connections are replaced), and a transaction the server
// chose to abort so another could go on (40P01 deadlock, 40001 serialization): rolled back whole, so
// sending the request again is safe.
const PG_UNAVAILABLE = /^(08\d{3}|57P0[123]|53300|25006|40P01|40001)$/;
const NODE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a lost or refused connection in words, with no code.
const PG_CLIENT_TEXT = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (PG_UNAVAILABLE.test(code) || NODE_NETWORK.has(code)) return true;
    // better-sqlite3: another process held the write lock for longer than busy_timeout.
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_TIMEOUT') return true;
  }
  return PG_CLIENT_TEXT.test(error.message);
}
