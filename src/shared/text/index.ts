/** Per-network text rules shared by the core and the renderer (no Node built-ins, no DOM). */
export * from './graphemes';
export * from './limits';
export * from './entities';
export * from './count';
export * from './thread';
