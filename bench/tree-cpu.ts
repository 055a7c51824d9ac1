/**
 * CPU of a command and of every process under it, Chromium's renderers included.
 * `/usr/bin/time` counts only the children that were waited for: Chromium's renderers and GPU
 * process are children of its zygote, which does not hand their time up, so a browser suite's
 * page loads never showed in its "user + sys" (a page busy 3 s in a loop added 0 s). This polls
 * /proc every 50 ms instead and adds the last time seen of each process (a process that lives
 * less than 50 ms is missed). Linux only.
 *
 *   node --import tsx bench/tree-cpu.ts npx jest --ci tests/browser/webchat.test.ts
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;
const POLL_MS = 50;

interface Proc {
  ppid: number;
  seconds: number;
  kind: string;
}

/** Chromium's processes by role (the renderers inherit the zygote's command line); others by name. */
function kindOf(pid: string, name: string): string {
  if (!name.startsWith('chrom')) return name;
  try {
    const type = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).find((arg) => arg.startsWith('--type='));
    return `chromium ${type ? type.slice('--type='.length) : 'browser'}`;
  } catch {
    return 'chromium';
  }
}

function readProcs(): Map<string, Proc & { pid: number }> {
  const procs = new Map<string, Proc & { pid: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields after the name: state, ppid, ... utime (14th of the line), stime, ..., starttime (22nd).
      const key = `${entry}@${fields[19]}`;
      procs.set(key, { pid: Number(entry), ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, kind: kindOf(entry, name) });
    } catch {
      // The process ended while it was read.
    }
  }
  return procs;
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node --import tsx bench/tree-cpu.ts <command> [args...]');
  process.exit(2);
}
const started = Date.now();
const child = spawn(command, args, { stdio: 'inherit' });
const seen = new Map<string, Proc>();

function poll(): void {
  const procs = readProcs();
  const mine = new Set([child.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const proc of procs.values()) {
      if (!mine.has(proc.pid) && mine.has(proc.ppid)) {
        mine.add(proc.pid);
        grew = true;
      }
    }
  }
  const kindByPid = new Map([...procs.values()].map((proc) => [proc.pid, proc.kind]));
  for (const [key, proc] of procs) {
    if (!mine.has(proc.pid)) continue;
    const kind = proc.kind === 'chromium browser' && kindByPid.get(proc.ppid) === 'chromium zygote' ? 'chromium renderer' : proc.kind;
    seen.set(key, { ...proc, kind });
  }
}

const timer = setInterval(poll, POLL_MS);
child.on('exit', (code, signal) => {
  clearInterval(timer);
  const byKind = new Map<string, number>();
  for (const proc of seen.values()) byKind.set(proc.kind, (byKind.get(proc.kind) ?? 0) + proc.seconds);
  const total = [...byKind.values()].reduce((sum, seconds) => sum + seconds, 0);
  const parts = [...byKind].filter(([, seconds]) => seconds >= 0.1).sort((a, b) => b[1] - a[1]).map(([kind, seconds]) => `${kind} ${seconds.toFixed(1)}`);
  console.error(`tree-cpu: ${((Date.now() - started) / 1000).toFixed(1)} s wall, ${total.toFixed(1)} s cpu (${parts.join(', ')})`);
  process.exit(code ?? (signal ? 1 : 0));
});
