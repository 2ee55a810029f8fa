import type { ConveneRouter } from '../web/routes.js';
import { suggestionsMessages } from './suggestions.messages.js';

export { suggestionsMessages };

/** This component's routers, mounted by app.ts. */
export const suggestionsRouters: ConveneRouter[] = [];
