// The longest texts people write, in one module without imports: the functions check them and the app's forms count against them.

/** The longest whisper text (trimmed, in UTF-16 code units, as checkText counts). */
export const MAX_CONTENT = 2000;
