import { addRsvpPageLinks } from '../invitations/index.js';
import type { ConveneRouter } from '../web/routes.js';
import { exportsRouter } from './exports.router.js';
import { followUpRouter } from './followup.router.js';
import { minutesLinks, rememberPublishedMinutes } from './minutes-notice.js';
import { onMinutesPublished } from './neighbours.js';
import { newsPublicRouter, newsRouter } from './news.router.js';
import { recordsMessages } from './records.messages.js';
import { reportsRouter } from './reports.router.js';
import { rsvpMinutesRouter } from './rsvp-minutes.router.js';

export { recordsMessages };
export { printHtmlToPdf, isPdfAvailable, type PrintOptions } from './pdf-printer.js';
export { renderView } from './export-responses.js';

/** This component's routers, mounted by app.ts. */
export const recordsRouters: ConveneRouter[] = [exportsRouter, rsvpMinutesRouter, followUpRouter, newsRouter, newsPublicRouter, reportsRouter];

// Invitees find the published minutes on their RSVP page.
onMinutesPublished(rememberPublishedMinutes);
addRsvpPageLinks(minutesLinks);
