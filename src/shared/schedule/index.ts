/** Pure scheduling rules shared by the core and the renderer (no Node built-ins). */
export * from './zoned-time';
export * from './slots';
export * from './retry';
export * from './missed';
