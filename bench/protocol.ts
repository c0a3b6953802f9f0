/** Messages between bench/run.ts and its server child (bench/server-child.ts). */
export interface RecordedStatement {
  /** Set for a named (prepared) statement, which the raw replay prepares the same way. */
  name?: string;
  text: string;
  values: unknown[];
  transactionControl: boolean;
}

/** process.memoryUsage() in bytes: RSS, the V8 heap in use, external memory (ArrayBuffers included) and ArrayBuffers. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export type ChildRequest = { cmd: 'stats' } | { cmd: 'reset-peak' } | { cmd: 'record' } | { cmd: 'recorded' } | { cmd: 'jobs' } | { cmd: 'stop' };

export type ChildReply =
  | { cmd: 'ready'; port: number; shield: boolean; now: string }
  | { cmd: 'stats'; cpu: NodeJS.CpuUsage; statements: number; peakRss: number; rss: number; memory: { base: MemorySample; peak: MemorySample; samples: number } }
  | { cmd: 'reset-peak' }
  | { cmd: 'record' }
  | { cmd: 'recorded'; statements: RecordedStatement[] }
  /** Background jobs not finished yet (not failed for good), with --worker. */
  | { cmd: 'jobs'; pending: number }
  | { cmd: 'stop' };
