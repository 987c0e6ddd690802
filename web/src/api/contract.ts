/** The API's vocabulary, shared with the server (src/contract/vocabulary.ts: plain constants only). */
export {
  ACTOR_TYPES,
  BOT_JOB_TYPES,
  FINAL_RUN_STATUSES,
  LOG_LEVELS,
  NAMED_RUN_ERRORS,
  OUTCOME_ERROR_CODES,
  OUTCOME_REASONS,
  OUTCOME_STATUSES,
  RUN_COUNTERS,
  RUN_STATUSES,
} from '../../../src/contract/vocabulary.ts';
