// Business time for a team: its zone, weekly hours (overnight intervals allowed) and closed
// dates. Pure functions over a TeamCalendar; nothing here reads the database or the clock.
export { addBusinessTime, businessTimeBetween, isOpen, nextOpen } from './business-time';
export { NoOpenHours, compile } from './calendar';
export { hoursInWords, instantInWords } from './describe';
