import { z } from 'zod';
import { CONVENTIONS, LAYOUT_KINDS } from './layout.js';

/** At most this many seats in all: a large hall. */
export const MAX_SEATS = 600;

const count = (min: number, max: number) =>
  z.coerce.number({ message: 'seating.seatsInvalid' }).int({ message: 'seating.seatsInvalid' }).min(min, { message: 'seating.seatsInvalid' }).max(max, { message: 'seating.seatsInvalid' });

/** The layout form and the API's `layout`: kind, convention and seat counts. */
export const layoutSchema = z
  .object({
    kind: z.enum(LAYOUT_KINDS, { message: 'seating.kindInvalid' }),
    convention: z.enum(CONVENTIONS, { message: 'seating.conventionInvalid' }),
    mainSeats: count(1, 60),
    otherSeats: z.union([z.literal('').transform(() => 0), count(0, 60)]).default(0),
    rows: z.union([z.literal('').transform(() => 0), count(0, 40)]).default(0),
  })
  .superRefine((layout, ctx) => {
    if (layout.kind === 'u_shape' && layout.otherSeats < 1) ctx.addIssue({ code: 'custom', path: ['otherSeats'], message: 'seating.armsNeeded' });
    if (layout.kind === 'rows' && layout.rows > 0 && layout.otherSeats < 1) ctx.addIssue({ code: 'custom', path: ['otherSeats'], message: 'seating.rowSeatsNeeded' });
    if (layout.mainSeats + (layout.otherSeats || 0) * Math.max(layout.rows || 0, 2) > MAX_SEATS) ctx.addIssue({ code: 'custom', path: ['mainSeats'], message: 'seating.tooManySeats' });
  });

/** Input of the layout form (page): the layout, and whether to keep the organiser's order of precedence. */
export const layoutFormSchema = z.object({ revision: z.coerce.number().int().min(0).default(0) }).and(layoutSchema);

const personKey = z.string({ message: 'seating.unknownPerson' }).min(1, { message: 'seating.unknownPerson' }).max(200, { message: 'seating.unknownPerson' });
const seatNumber = z.coerce.number({ message: 'seating.noSuchSeat' }).int({ message: 'seating.noSuchSeat' }).min(1, { message: 'seating.noSuchSeat' }).max(MAX_SEATS * 2, { message: 'seating.noSuchSeat' });

/** The form that moves a person to a seat (also what drag and drop posts). */
export const moveSchema = z.object({ person: personKey, seat: seatNumber, revision: z.coerce.number().int().min(0) });

/** Moving a person up or down the order of precedence. */
export const orderSchema = z.object({ person: personKey, direction: z.enum(['up', 'down']), revision: z.coerce.number().int().min(0) });

/** Applying the roster's changes to the plan. */
export const applySchema = z.object({ revision: z.coerce.number().int().min(0) });

/** `PUT /api/v1/events/:id/seating`: any of layout, institution order, precedence and assignments; what is left out is kept (or made). */
export const putPlanSchema = z.object({
  layout: layoutSchema.optional(),
  institutionOrder: z.array(z.string().max(64)).max(500).optional(),
  precedence: z.array(personKey).max(MAX_SEATS * 2).optional(),
  assignments: z.array(z.object({ seat: seatNumber, person: personKey })).max(MAX_SEATS * 2).optional(),
  /** Refuse with 409 if the plan changed since this revision. */
  revision: z.number().int().min(0).optional(),
});

/** The printed plan's paper. */
export const printSchema = z.object({ paper: z.enum(['a4', 'a3']).catch('a4') });
/** Table cards: one or two to an A4 landscape page. */
export const cardsSchema = z.object({ perPage: z.enum(['1', '2']).catch('1') });
/** Badge sizes (width × height in mm) that fit A4 sheets of badge stock. */
export const BADGE_SIZES = { '86x54': { width: 86, height: 54 }, '90x100': { width: 90, height: 100 }, '100x140': { width: 100, height: 140 } } as const;
/** Which badge size to print. */
export const badgesSchema = z.object({ size: z.enum(Object.keys(BADGE_SIZES) as [keyof typeof BADGE_SIZES]).catch('90x100') });
