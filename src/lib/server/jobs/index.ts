export { defineJob, type JobKind, type RunningJob } from './kind';
export { enqueue, type EnqueueOptions } from './enqueue';
export { JobRunner, type JobOutcome, type JobRunnerOptions } from './runner';
export { runDueJobs, startJobs, stopJobs } from './app';
