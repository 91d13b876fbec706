/**
 * The sync contract: what a checkpoint scanner and the server exchange — the
 * event upload and its per-event results, the revocation feed, the trust
 * bundle and its summary, the heartbeat. The server validates and documents
 * its routes with these schemas, and the scanner imports the same ones.
 */
export * from './ingest.js';
export * from './revocations.js';
export * from './bundle.js';
export * from './heartbeat.js';
export * from './enroll.js';
export * from './escorts.js';
export * from './charter-runs.js';
