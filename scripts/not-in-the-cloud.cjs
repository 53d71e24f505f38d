// Aliased in place of better-sqlite3 when bundling a cloud function: reaching it there is a bug.
throw new Error('better-sqlite3 is the local store only; a cloud function must not load it');
