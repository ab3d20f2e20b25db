export * from './calendar';
export { CalendarError, type CalendarErrorCode } from './calendar-error';
export { createCalendar, stagePlusBusinessCalendarSpec } from './create-calendar';
export { FIRST_YEAR as FIRST_SUPPORTED_YEAR, LAST_YEAR as LAST_SUPPORTED_YEAR } from './open-time-index';
