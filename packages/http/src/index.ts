export * from './app/create-http-app.js';
export * from './app/http-server.js';
export * from './problems/problem.js';
export { EXAMPLE_CALENDAR_CSV, loadExampleCalendar } from './economic-calendar/example-calendar.js';
