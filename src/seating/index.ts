import { provideSeatLookup } from '../checkin/index.js';
import type { ConveneRouter } from '../web/routes.js';
import { seatingApiRouter } from './seating-api.router.js';
import { seatingMessages } from './seating.messages.js';
import { seatingRouter } from './seating.router.js';
import { seatOfCheckIn } from './seating.service.js';

export { seatingMessages };
export { getSeatingPlan, seatOfCheckIn, type SeatingPlanView } from './seating.service.js';

/** This component's routers, mounted by app.ts. */
export const seatingRouters: ConveneRouter[] = [seatingRouter, seatingApiRouter];

// The check-in desk shows "seat N" after a check-in.
provideSeatLookup((event, record) => seatOfCheckIn(event, record));
