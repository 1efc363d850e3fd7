import type { SocketFeature } from './server';

/** Socket features beyond authentication; the live board adds its commands here. */
export const features: readonly SocketFeature[] = [];
