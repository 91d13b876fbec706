export * from './claims.js';
export * from './errors.js';
export * from './jwk.js';
export * from './qr-text.js';
export * from './sign.js';
export * from './verify.js';
