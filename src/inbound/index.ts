import type { ConveneRouter } from '../web/routes.js';
import { inboundApiRouter, inboundRouter, quarantineRouter } from './inbound.router.js';

export { startInbound, type Inbound } from './inbound.service.js';
export { inboundMessages } from './inbound.messages.js';
export { INBOUND_KINDS, INBOUND_STATUSES, type InboundKind, type InboundStatus } from './inbound-message.model.js';
export { storeInbound, listInbox, inboundIdOf } from './inbox.service.js';
export { processInbox, startInboxWorker, type InboxWorker } from './inbox.worker.js';

/** This component's routers, mounted by app.ts. */
export const inboundRouters: ConveneRouter[] = [inboundRouter, inboundApiRouter, quarantineRouter];
