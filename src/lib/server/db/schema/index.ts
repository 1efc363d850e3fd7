export * from './accounts';
export * from './organisations';
export * from './boards';
export * from './walls';
export * from './jobs';
