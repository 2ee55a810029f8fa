import type { ConveneRouter } from '../web/routes.js';
import { minutesMessages } from './minutes.messages.js';

export { minutesMessages };

/** This component's routers, mounted by app.ts. */
export const minutesRouters: ConveneRouter[] = [];
