// Times for fixtures, built from wall-clock values in the event's zone ("the 12th of next month,
// 09:30 Asia/Shanghai"), never from the current hour, so a test reads the same at any time of day,
// on any date (month and year ends, 29 February) and whatever the offset between UTC and the zone.
import { DateTime } from 'luxon';

/** The zone of every fixture event: the zone office's. */
export const EVENT_ZONE = 'Asia/Shanghai';

/** A wall-clock time in the event's zone. */
export interface WallClock {
  /** Months after the current month in the zone (0: this month). */
  monthsAhead?: number;
  /** Day of that month (1–28, so that every month has it). */
  day?: number;
  /** Days after today in the zone, instead of monthsAhead/day. */
  daysAhead?: number;
  hour: number;
  minute?: number;
  zone?: string;
}

/** The instant of a wall-clock time in the event's zone: `wallClock({ monthsAhead: 1, day: 12, hour: 9, minute: 30 })` is the 12th of next month, 09:30 Shanghai time. */
export function wallClock({ monthsAhead = 0, day, daysAhead, hour, minute = 0, zone = EVENT_ZONE }: WallClock): Date {
  if (day !== undefined && (day < 1 || day > 28)) throw new Error(`day ${day}: use 1–28, which every month has`);
  const today = DateTime.now().setZone(zone).startOf('day');
  const date = daysAhead !== undefined ? today.plus({ days: daysAhead }) : today.startOf('month').plus({ months: monthsAhead }).set({ day: day ?? 1 });
  const local = date.set({ hour, minute, second: 0, millisecond: 0 });
  if (!local.isValid) throw new Error(`no such wall-clock time in ${zone}: ${local.invalidExplanation}`);
  return local.toJSDate();
}

/** The date `daysAhead` days from today in the event's zone, as a form's date input takes it (YYYY-MM-DD). */
export function localIsoDate(daysAhead: number, zone = EVENT_ZONE): string {
  return DateTime.now().setZone(zone).startOf('day').plus({ days: daysAhead }).toISODate()!;
}
