export * from './compact.js';
export * from './time.js';
export * from './duplicate-member.js';
