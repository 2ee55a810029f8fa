import type { ConveneRouter } from '../web/routes.js';
import { categoriesRouter } from './categories.router.js';
import { eventSuggestionsRouter } from './event-suggestions.router.js';
import { addRsvpPageLinks } from './neighbours.js';
import { suggestionsApiRouter } from './suggestions-api.router.js';
import { suggestionsMessages } from './suggestions.messages.js';
import { suggestionsRouter } from './suggestions.router.js';
import { tokenSuggestionsRouter } from './token.router.js';

export { suggestionsMessages };
export { SUGGESTION_STATUSES, SUGGESTION_SOURCES, type SuggestionStatus, type SuggestionSource } from './suggestion.model.js';
export { listSuggestionSummaries, type SuggestionSummary } from './summaries.service.js';
export { createSuggestion, type SuggestionInput, type SuggestionActor } from './suggestions.service.js';
export { assignSuggestion, changeSuggestionStatus, TRANSITIONS, type AssignmentInput, type StatusInput, type WorkflowActor } from './workflow.service.js';
export { listCategories, type Category } from './categories.service.js';

/** This component's routers, mounted by app.ts. */
export const suggestionsRouters: ConveneRouter[] = [suggestionsRouter, eventSuggestionsRouter, categoriesRouter, tokenSuggestionsRouter, suggestionsApiRouter];

// The RSVP page links to the suggestions page of institutions and guests (no database read: the kind is on the invitation).
addRsvpPageLinks(async ({ invitation }) =>
  invitation.kind === 'department' ? [] : [{ path: 'suggestions', label: 'suggestions.token.link', note: 'suggestions.token.linkNote' }],
);
