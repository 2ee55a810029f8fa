// Seats of each layout, ranked by convention: pure functions, no database.

/** The room layouts an office uses. */
export const LAYOUT_KINDS = ['long_table', 'u_shape', 'round', 'rows'] as const;
/** A room layout. */
export type LayoutKind = (typeof LAYOUT_KINDS)[number];

/** Which side of the first seat comes second: 以左为上 (government protocol) or the international right. */
export const CONVENTIONS = ['left_first', 'right_first'] as const;
/** A seating convention. */
export type Convention = (typeof CONVENTIONS)[number];

/** How the room is set for one event. */
export interface Layout {
  kind: LayoutKind;
  convention: Convention;
  /** Seats on the main side: each side of a long table, the head of a U, the whole round table, the rostrum. */
  mainSeats: number;
  /** Seats on each arm of a U, or in each row of the hall; unused otherwise. */
  otherSeats: number;
  /** Rows of the hall facing the rostrum; unused otherwise. */
  rows: number;
}

/** Where a seat is: the main side (or rostrum), the guests' side, an arm of the U, a row of the hall. */
export type SeatArea = 'main' | 'guest' | 'left_arm' | 'right_arm' | 'row';

/** One numbered seat; number 1 is the first seat, and numbers follow precedence. */
export interface Seat {
  number: number;
  area: SeatArea;
  /** Row of the hall (1 = front); 0 elsewhere. */
  row: number;
  /** Who sits there on a long table (hosts or guests); `any` in other layouts. */
  party: 'host' | 'guest' | 'any';
  /** Centre on the drawing, in seat widths; the drawing has the main side at the top, as a visitor at the door sees it. */
  x: number;
  y: number;
}

/** The drawing: its size in seat widths, the seats, and the table outlines. */
export interface SeatMap {
  width: number;
  height: number;
  seats: Seat[];
  tables: { x: number; y: number; width: number; height: number; round: boolean }[];
}

/**
 * Positions along one side of `count` seats, counted from the sitters' own left (0) to their right,
 * in order of rank: the middle first (居中为上), then alternately the preferred side and the other.
 * With an even count the first seat is the middle one on the preferred side.
 */
export function rankedPositions(count: number, convention: Convention): number[] {
  const leftFirst: number[] = [];
  const middle = Math.floor((count - 1) / 2);
  if (count % 2 === 1) {
    leftFirst.push(middle);
    for (let step = 1; leftFirst.length < count; step += 1) leftFirst.push(middle - step, middle + step);
  } else {
    for (let step = 0; leftFirst.length < count; step += 1) leftFirst.push(middle - step, middle + 1 + step);
  }
  return convention === 'left_first' ? leftFirst : leftFirst.map((p) => count - 1 - p);
}

/** The seats of a side facing the door (sitters' left is the drawing's right) or facing the main side. */
function side(count: number, convention: Convention, facingDoor: boolean): number[] {
  return rankedPositions(count, convention).map((p) => (facingDoor ? count - 1 - p : p));
}

function longTable({ mainSeats: n, convention }: Layout): SeatMap {
  const hosts = side(n, convention, true).map((x) => ({ area: 'main' as const, party: 'host' as const, row: 0, x: x + 0.5, y: 0.5 }));
  // Guests face the hosts: each guest sits opposite the host of the same rank, so counterparts face each other.
  const guests = hosts.map(({ x }) => ({ area: 'guest' as const, party: 'guest' as const, row: 0, x, y: 2.5 }));
  return { width: n, height: 3, seats: numbered([...hosts, ...guests]), tables: [{ x: 0, y: 1, width: n, height: 1, round: false }] };
}

function uShape({ mainSeats: n, otherSeats: arm, convention }: Layout): SeatMap {
  const width = n + 2;
  const head = side(n, convention, true).map((x) => ({ area: 'main' as const, party: 'any' as const, row: 0, x: x + 1.5, y: 0.5 }));
  // The head's first seat faces the door, so its left arm is the drawing's right one.
  const preferred = convention === 'left_first' ? 'right_arm' : 'left_arm';
  const arms: Omit<Seat, 'number'>[] = [];
  for (let i = 0; i < arm; i += 1) {
    for (const area of [preferred, preferred === 'right_arm' ? 'left_arm' : 'right_arm'] as const) {
      arms.push({ area, party: 'any', row: 0, x: area === 'left_arm' ? 0.5 : width - 0.5, y: 1.5 + i });
    }
  }
  const tables = [
    { x: 1, y: 1, width: n, height: 0.6, round: false },
    { x: 1, y: 1.6, width: 0.6, height: Math.max(arm, 1) - 0.1, round: false },
    { x: width - 1.6, y: 1.6, width: 0.6, height: Math.max(arm, 1) - 0.1, round: false },
  ];
  return { width, height: arm + 1.5, seats: numbered([...head, ...arms]), tables };
}

function round({ mainSeats: n, convention }: Layout): SeatMap {
  const radius = Math.max(1.6, (n * 1.15) / (2 * Math.PI));
  const centre = radius + 1;
  // The first seat is at the top, facing the door; its left hand is clockwise on the drawing.
  const direction = convention === 'left_first' ? 1 : -1;
  const steps = [0];
  for (let step = 1; steps.length < n; step += 1) {
    steps.push(step * direction);
    if (steps.length < n) steps.push(-step * direction);
  }
  const seats = steps.map((step) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * step) / n;
    return { area: 'main' as const, party: 'any' as const, row: 0, x: centre + radius * Math.cos(angle), y: centre + radius * Math.sin(angle) };
  });
  const table = radius - 0.6;
  return { width: 2 * centre, height: 2 * centre, seats: numbered(seats), tables: [{ x: centre - table, y: centre - table, width: 2 * table, height: 2 * table, round: true }] };
}

function rows({ mainSeats: n, otherSeats: perRow, rows: count, convention }: Layout): SeatMap {
  const width = Math.max(n, perRow);
  const rostrum = side(n, convention, true).map((x) => ({ area: 'main' as const, party: 'any' as const, row: 0, x: (width - n) / 2 + x + 0.5, y: 0.5 }));
  const hall: Omit<Seat, 'number'>[] = [];
  for (let row = 1; row <= count; row += 1) {
    for (const x of side(perRow, convention, false)) hall.push({ area: 'row', party: 'any', row, x: (width - perRow) / 2 + x + 0.5, y: 2.2 + row });
  }
  return { width, height: count + 3, seats: numbered([...rostrum, ...hall]), tables: [{ x: (width - n) / 2, y: 1, width: n, height: 0.6, round: false }] };
}

function numbered(seats: Omit<Seat, 'number'>[]): Seat[] {
  return seats.map((seat, index) => ({ number: index + 1, ...seat }));
}

/** The numbered seats of a layout and how to draw them. */
export function seatMap(layout: Layout): SeatMap {
  switch (layout.kind) {
    case 'long_table':
      return longTable(layout);
    case 'u_shape':
      return uShape(layout);
    case 'round':
      return round(layout);
    case 'rows':
      return rows(layout);
  }
}
