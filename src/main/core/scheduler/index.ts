export * from './ports';
export * from './scheduler';
