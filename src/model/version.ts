/** Bump when a field of the JSON result changes meaning or disappears (adding an optional field does not). */
export const SCHEMA_VERSION = 1;
