export * from './bundle.js';
export * from './delta.js';
export * from './errors.js';
export * from './sign.js';
export * from './verify.js';
export * from './rule-set-in-force.js';
