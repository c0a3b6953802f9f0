// Where a run's CPU went, read from /proc (Linux): PostgreSQL (the postmaster, its live backends and the ones that
// have exited), this process (the load generator runs in it) and the machine as a whole. With the server child's own
// `process.cpuUsage()` this says how many milliseconds of CPU one request costs in all, and so how many requests per
// second these cores could serve at best: the ceiling a throughput target is up against on this machine.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

export interface CpuSample {
  /** PostgreSQL's processes, user + system ms; null when it is not a local embedded server or /proc is missing. */
  postgresMs: number | null;
  /** This process (autocannon or the upload client), user + system ms. */
  loadGeneratorMs: number;
  /** The whole machine, all cores: busy and total ms (null without /proc/stat). */
  machineBusyMs: number | null;
  machineTotalMs: number | null;
}

let tickMs: number | null | undefined;
/** Milliseconds per clock tick, the unit of /proc's times (USER_HZ, 100 on nearly every Linux). */
function clockTickMs(): number | null {
  if (tickMs !== undefined) return tickMs;
  try {
    tickMs = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    tickMs = os.platform() === 'linux' ? 10 : null;
  }
  return tickMs;
}

/** /proc/<pid>/stat's fields from the state on (field 3 is index 0), or null when the process is gone. */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

const PPID = 1;
const UTIME = 11;
const STIME = 12;
const CUTIME = 13;
const CSTIME = 14;

/**
 * CPU of the postmaster and everything under it: its own time, the time of the children it has reaped (backends
 * that exited, in cutime/cstime) and that of the children alive now.
 */
function postgresTicks(postmaster: number): number | null {
  const own = statFields(postmaster);
  if (!own) return null;
  let ticks = Number(own[UTIME]) + Number(own[STIME]) + Number(own[CUTIME]) + Number(own[CSTIME]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[PPID]) === postmaster) ticks += Number(fields[UTIME]) + Number(fields[STIME]);
  }
  return ticks;
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: total - idle - iowait, total };
  } catch {
    return null;
  }
}

export function sampleCpu(postmasterPid: number | null): CpuSample {
  const tick = clockTickMs();
  const own = process.cpuUsage();
  const pgTicks = postmasterPid && tick ? postgresTicks(postmasterPid) : null;
  const machine = tick ? machineTicks() : null;
  return {
    postgresMs: pgTicks === null || !tick ? null : pgTicks * tick,
    loadGeneratorMs: (own.user + own.system) / 1000,
    machineBusyMs: machine && tick ? machine.busy * tick : null,
    machineTotalMs: machine && tick ? machine.total * tick : null,
  };
}

export interface CpuSpent {
  postgresMs: number | null;
  loadGeneratorMs: number;
  /** Busy share of all the machine's cores over the interval, in %. */
  machineBusyPercent: number | null;
}

export function cpuBetween(before: CpuSample, after: CpuSample): CpuSpent {
  const total = after.machineTotalMs !== null && before.machineTotalMs !== null ? after.machineTotalMs - before.machineTotalMs : null;
  const busy = after.machineBusyMs !== null && before.machineBusyMs !== null ? after.machineBusyMs - before.machineBusyMs : null;
  return {
    postgresMs: after.postgresMs !== null && before.postgresMs !== null ? after.postgresMs - before.postgresMs : null,
    loadGeneratorMs: after.loadGeneratorMs - before.loadGeneratorMs,
    machineBusyPercent: total && busy !== null ? (busy / total) * 100 : null,
  };
}
