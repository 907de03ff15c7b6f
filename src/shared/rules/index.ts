export * from './problems';
export * from './check';
export * from './content';
export * from './capabilities';
