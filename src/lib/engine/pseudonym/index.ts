export * from './hmac';
export * from './keyed-mapper';
export * from './date-shift';
