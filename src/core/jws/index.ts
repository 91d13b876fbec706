export * from './compact.js';
export * from './time.js';
