// Character classes shared by the matcher and the page scanner. They follow the corpus rules:
// soft hyphens and zero-width characters are invisible and ignored; any Unicode space joins words.

/** Invisible characters a name may contain anywhere: soft hyphen, ZWSP, ZWNJ, ZWJ, word joiner, BOM. */
export const IGNORABLE = '[\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]';

/** White space of any kind, NBSP and line breaks included. JS `\s` also holds U+FEFF, which we ignore instead. */
export const SPACE = '[\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';

/** A character that may not touch a name on either side. */
export const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';

/**
 * Where one block of text ends and the next begins in the scanned text. Not white space and not a word
 * character, so no name can span it and boundaries around it hold.
 */
export const BLOCK_BREAK = '\u0000';
