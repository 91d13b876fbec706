export * from './entry.js';
export * from './verify.js';
export * from './checkpoint.js';
