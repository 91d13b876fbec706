// The chart geometry lives in geometry.ts: index.ts files only re-export (and are not mutated).
export * from './geometry.js';
