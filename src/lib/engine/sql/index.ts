export * from './dialect';
export * from './generate-sql';
