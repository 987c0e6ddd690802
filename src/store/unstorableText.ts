/**
 * PostgreSQL refuses text holding a NUL character (SQLite stores it): a lookup or a write
 * with one fails with SQLSTATE 22021 ("invalid byte sequence for encoding UTF8: 0x00").
 * That is input no row can hold, not a fault of the server: the HTTP layer answers 400.
 */
export function isUnstorableText(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    // 22021: character_not_in_repertoire; 22P05: untranslatable_character.
    (err.code === '22021' || err.code === '22P05')
  );
}
