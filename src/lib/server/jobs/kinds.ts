import type { JobKind } from './kind';
import { purgeFinishedJobs } from './purge';

/** Every job kind the app runs. A feature adds its kind here (see DEVELOPERS.md, Background jobs). */
export const jobKinds: readonly JobKind<unknown>[] = [purgeFinishedJobs];
