import { AppError } from '../web/errors.js';

/** Who asks for a print: staff exports are served first; link holders share fewer printers and a short queue. */
export type PrintLane = 'staff' | 'link';

/** How many prints run at once in all, and per lane how many may run and how many may wait. */
export interface PrintQueueLimits {
  printing: number;
  lanes: Record<PrintLane, { printing: number; waiting: number }>;
  /** What Retry-After says when a lane's queue is full. */
  retryAfterSeconds: number;
}

/** 503 with Retry-After: the lane's queue is full; nothing was queued. */
export class PrintQueueFullError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('records.export.pdfBusy', 503);
  }
}

/**
 * A bounded queue of print jobs in two lanes. A job starts when fewer than `printing` jobs run and its lane
 * has a free printer; otherwise it waits, staff first, or is refused at once when its lane's queue is full,
 * so a burst of link requests can neither pile up without end nor hold every printer a staff export needs.
 */
export class PrintQueue {
  private running = { staff: 0, link: 0 };
  private waiting: Record<PrintLane, (() => void)[]> = { staff: [], link: [] };

  constructor(readonly limits: PrintQueueLimits) {}

  /** Run `job` when a printer is free for `lane`; throws PrintQueueFullError when its queue is full. */
  async run<T>(lane: PrintLane, job: () => Promise<T>): Promise<T> {
    if (!this.mayStart(lane)) {
      if (this.waiting[lane].length >= this.limits.lanes[lane].waiting) throw new PrintQueueFullError(this.limits.retryAfterSeconds);
      await new Promise<void>((resolve) => this.waiting[lane].push(resolve));
    } else this.running[lane] += 1;
    try {
      return await job();
    } finally {
      this.running[lane] -= 1;
      this.startWaiting();
    }
  }

  /** Jobs running and waiting per lane, for tests and logs. */
  state() {
    return { running: { ...this.running }, waiting: { staff: this.waiting.staff.length, link: this.waiting.link.length } };
  }

  private mayStart(lane: PrintLane): boolean {
    return this.running.staff + this.running.link < this.limits.printing && this.running[lane] < this.limits.lanes[lane].printing;
  }

  private startWaiting(): void {
    for (const lane of ['staff', 'link'] as const) {
      while (this.waiting[lane].length > 0 && this.mayStart(lane)) {
        this.running[lane] += 1;
        this.waiting[lane].shift()!();
      }
    }
  }
}
