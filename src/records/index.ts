import type { ConveneRouter } from '../web/routes.js';
import { recordsMessages } from './records.messages.js';

export { recordsMessages };

/** This component's routers, mounted by app.ts. */
export const recordsRouters: ConveneRouter[] = [];
