export * from './checklist';
export * from './processing-record';
export * from './report-html';
