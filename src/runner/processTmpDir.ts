/**
 * Imported first by the entry of a forked process (run, browser task): its temporary files,
 * and its Chromium's, go to the folder its supervisor made for it in DATA_DIR (tempDirs.ts).
 * Set here rather than in the fork's environment so that tsx, when run from source, keeps
 * its compile cache in the system's temp folder (a fresh folder per run would mean
 * compiling everything again at each start).
 */
import { PROCESS_TMPDIR_VAR } from './tempDirs.ts';

const dir = process.env[PROCESS_TMPDIR_VAR];
if (dir) process.env.TMPDIR = dir;
