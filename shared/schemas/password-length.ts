// The password's length rules, apart from the schemas that apply them (auth.ts), so forms can state
// them without constructing any schema.

/** Bytes of UTF-8 past which a password is refused before any hashing (no hash-based DoS). */
export const PASSWORD_MAX_LENGTH = 1024;
/** ASVS 5.0 §6.2.1: at least 12 characters; §6.2.9: at least 64 allowed. No composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
