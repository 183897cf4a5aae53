export * from './apply-config';
export * from './apply-rows';
export * from './apply-table';
export { ApplyError } from './class-census';
export type { SuppressionFigures } from './suppression';
