export * from './canonical.js';
export * from './chain.js';
export * from './event.js';
export * from './sign.js';
export * from './verify.js';
export * from './bounded-json.js';
