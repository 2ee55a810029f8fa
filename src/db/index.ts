export { openDatabase, pingDatabase, isFerretDb, DatabaseUnavailableError, type Database } from './connection.js';
export { startEmbeddedFerretDb, type EmbeddedFerretDb } from './embedded-ferretdb.js';
export { claimOnce, isDuplicateKeyError, reclaimStale } from './claim.js';
export { findByIdOr404 } from './find.js';
