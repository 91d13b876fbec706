export * from './entry.js';
export * from './verify.js';
export * from './checkpoint.js';
export * from './anomalies.js';
