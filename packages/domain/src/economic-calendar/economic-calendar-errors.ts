/** Stable codes of the economic calendar's refusals (docs/rules.md §14). */
export const EconomicCalendarErrorCode = {
  INVALID_UID: 'ECONOMIC_CALENDAR.INVALID_UID',
  INVALID_TITLE: 'ECONOMIC_CALENDAR.INVALID_TITLE',
  INVALID_CURRENCY: 'ECONOMIC_CALENDAR.INVALID_CURRENCY',
  INVALID_IMPACT: 'ECONOMIC_CALENDAR.INVALID_IMPACT',
  INVALID_TIME_ZONE: 'ECONOMIC_CALENDAR.INVALID_TIME_ZONE',
  INVALID_LOCAL_TIME: 'ECONOMIC_CALENDAR.INVALID_LOCAL_TIME',
  /** The local time falls in the hour a DST change skips, so no instant has it. */
  NONEXISTENT_LOCAL_TIME: 'ECONOMIC_CALENDAR.NONEXISTENT_LOCAL_TIME',
  INVALID_WINDOW: 'ECONOMIC_CALENDAR.INVALID_WINDOW',
} as const;

export type EconomicCalendarErrorCode = (typeof EconomicCalendarErrorCode)[keyof typeof EconomicCalendarErrorCode];
