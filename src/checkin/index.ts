import type { ConveneRouter } from '../web/routes.js';
import { checkinMessages } from './checkin.messages.js';

export { checkinMessages };

/** This component's routers, mounted by app.ts. */
export const checkinRouters: ConveneRouter[] = [];
