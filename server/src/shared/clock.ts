/** The time, injectable so tests and jobs can move it instead of waiting. */
export interface Clock {
  now(): Date;
}

/**
 * A clock running `offsetMs` ahead of another: the development demo clock (issue 19 §18). The offset is kept in the
 * database (`demo_clock`) and followed by every process (`modules/demo-clock/demo-clock-follower.ts`); it is 0, and
 * never set, in production.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offset);
  }
  get offsetMs(): number {
    return this.offset;
  }
  setOffset(ms: number): void {
    this.offset = ms;
  }
}

/** The process clock: the wall clock, plus the demo clock's offset where one was set (development only). */
export const systemClock = new OffsetClock({ now: () => new Date() });

/**
 * A clock tests can set and advance. Each reading moves it on by one millisecond, so changes made one after
 * another get distinct, ordered timestamps, as they would in real time.
 */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    const reading = new Date(this.current.getTime());
    this.current = new Date(this.current.getTime() + 1);
    return reading;
  }
  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
