export * from './normalize';
export * from './opt-out';
