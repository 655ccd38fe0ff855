/**
 * Both drivers hand NUMERIC, INT8 and DATE back as the server's text: money
 * must never pass through a JS number, 64-bit ids must not lose digits, and a
 * DATE is a calendar label, not an instant in the process's time zone.
 */
export const PG_TYPE = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
} as const;

export const textParsers: Record<number, (value: string) => string> = {
  [PG_TYPE.INT8]: (value) => value,
  [PG_TYPE.NUMERIC]: (value) => value,
  [PG_TYPE.DATE]: (value) => value,
};
