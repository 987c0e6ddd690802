/** The birthday bot's exactly-once keys live with the rules the preview and the digest share. */
export * from '../rules/birthdayKeys.ts';
