export * from './claims.js';
export * from './errors.js';
export * from './qr-text.js';
export * from './sign.js';
export * from './verify.js';
export * from './manifest.js';
export * from './runs.js';
export * from './match.js';
