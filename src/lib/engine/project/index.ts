export * from './project-file';
