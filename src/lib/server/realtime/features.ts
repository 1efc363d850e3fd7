import { boardFeature } from './board-feature';
import type { SocketFeature } from './types';

/** Socket features beyond authentication. */
export const features: readonly SocketFeature[] = [boardFeature];
