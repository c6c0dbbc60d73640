/** The performance mark main.ts sets when its first line runs, after every module it imports was loaded and evaluated. */
export const WORKER_SCRIPT_MARK = 'grid-wallet:worker-script';
