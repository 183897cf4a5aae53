export * from './delimited-writer';
