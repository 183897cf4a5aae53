export * from './checklist';
export * from './processing-record';
export { escapeHtml, renderProcessingRecordHtml, type ReportLanguage } from './report-html';
export * from './release-record';
