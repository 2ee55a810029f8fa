export { scheduleJob, cancelJob, getJob, listJobs } from './jobs.service.js';
export { registerJobHandler, startJobRunner, type JobHandler, type JobRunner } from './jobs.runner.js';
