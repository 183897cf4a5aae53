export * from './encoded-table';
export * from './csv';
export * from './encoding';
export * from './delimiter';
export * from './infer-type';
export * from './profile';
export * from './import';
export type { ByteSource } from './byte-source';
