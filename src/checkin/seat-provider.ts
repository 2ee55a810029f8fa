import type { EventRecord } from '../events/index.js';
import { logger } from '../logger.js';
import type { CheckInRecord } from './checkin-record.js';

/** Finds the seat of someone just checked in; the seating component provides it (without one, no seat is shown). */
export type SeatLookup = (event: EventRecord, record: CheckInRecord) => Promise<number | null>;

let lookup: SeatLookup | null = null;

/** Let the desk show "seat N" after a check-in. */
export function provideSeatLookup(provider: SeatLookup): void {
  lookup = provider;
}

/** The seat of someone just checked in, or null; a failing lookup never fails the check-in itself. */
export async function seatOf(event: EventRecord, record: CheckInRecord): Promise<number | null> {
  if (!lookup) return null;
  try {
    return await lookup(event, record);
  } catch (error) {
    logger.error({ err: error, eventId: String(event._id) }, 'Seat lookup failed after a check-in');
    return null;
  }
}
