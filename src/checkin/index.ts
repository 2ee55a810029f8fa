import type { ConveneRouter } from '../web/routes.js';
import { checkinApiRouter } from './checkin-api.router.js';
import { checkinMessages } from './checkin.messages.js';
import { checkinRouter } from './checkin.router.js';
import { sheetRouter } from './sheet.router.js';
import { walkInRouter } from './walk-in.router.js';

export { checkinMessages };
export { CHECK_IN_KINDS, type CheckInKind } from './checkin.model.js';
export {
  listCheckIns, listCheckInsOfSeries, checkInDelegate, checkInWalkIn, checkInZone, undoCheckIn,
  type CheckInRecord, type CheckInActor, type CheckInOutcome,
} from './checkin.service.js';
export type { WalkInInput, ZoneInput } from './checkin.schemas.js';
export { provideSeatLookup, type SeatLookup } from './seat-provider.js';

/** This component's routers, mounted by app.ts. */
export const checkinRouters: ConveneRouter[] = [checkinRouter, walkInRouter, sheetRouter, checkinApiRouter];
