/** The time, injectable so tests and jobs can move it instead of waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

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
