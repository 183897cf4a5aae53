export * from './normalize';
export * from './opt-out';
export * from './link-patients';
export { ReleaseOptOutTally } from './release-tally';
