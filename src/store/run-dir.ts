// The run directory, and the only code that writes run output:
//   run.lock                 who is writing the run (one writer per run directory)
//   config.json              the run's resolved configuration (what --resume continues)
//   candidates.jsonl         append-only, one JSON line per candidate
//   champions/round_NNN.red  each round's champion
//   archives/round_NNN.json  each round's MAP-Elites archive at its end
//   summary.json             the run so far
// Whole files are written to a temporary name and renamed, so a reader (or a kill -9) never
// sees half a file; a torn last log line is cut off when the run is reopened, and a failed
// append (a full disk) is cut back at once, so the log stays parseable. The log is fsynced at
// most once a second and before every other file is written: fsync per line cost evolve a third
// of its wall time, a killed process loses nothing either way (the kernel holds the writes), and
// a machine that goes down loses at most the last second of candidates, which --resume fights
// again. It knows JSON, not what the records mean: callers own their shapes. A failed write is a
// value, never a throw.

import {
  closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync,
  renameSync, unlinkSync, writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export type Opened<T> = { ok: true; value: T } | { ok: false; error: string };
export type Written = { ok: true } | { ok: false; error: string };

export interface RunDir {
  dir: string;
  /** The holder of a lock this process took over (it had died), or null. */
  tookOver: LockHolder | null;
  append(record: object): Written;
  writeConfig(config: unknown): Written;
  writeChampion(round: number, source: string): Written;
  writeArchive(round: number, snapshot: unknown): Written;
  writeSummary(summary: unknown): Written;
  /** Closes the log and releases the lock. */
  close(): void;
}

/** What run.lock holds: enough to name the writer and to tell whether it still runs. */
export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  /** This boot of the machine and the process's start time in clock ticks (Linux), so a reused pid is not taken for the writer. */
  boot: string | null;
  ticks: string | null;
}

const CONFIG = 'config.json';
const LOG = 'candidates.jsonl';
const LOCK = 'run.lock';
const OK: Written = { ok: true };
const SYNC_MS = 1000;
const pad = (round: number): string => String(round).padStart(3, '0');
const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const cannot = (path: string, e: unknown): { ok: false; error: string } => ({ ok: false, error: `cannot write ${path}: ${reason(e)}` });

function readOr<T>(read: () => T, otherwise: T): T {
  try {
    return read();
  } catch {
    return otherwise;
  }
}

/** Writes all of `bytes` (a write may be partial). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

function writeAtomic(path: string, text: string): Written {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeAll(fd, Buffer.from(text));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    return OK;
  } catch (e) {
    readOr(() => unlinkSync(temp), undefined);
    return cannot(path, e);
  }
}

const bootId = (): string | null => readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), null);
/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
const startTicks = (pid: number): string | null =>
  readOr(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  }, null);

/** False only when the holder surely no longer runs: same host, and its pid is gone or belongs to a newer process. */
function running(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  if (h.boot && bootId() && h.boot !== bootId()) return false;
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  const ticks = startTicks(h.pid);
  return !(h.ticks && ticks && h.ticks !== ticks);
}

/** run.lock names a holder that surely no longer runs (an unreadable lock counts as held). */
function writerGone(dir: string): boolean {
  const text = readOr(() => readFileSync(join(dir, LOCK), 'utf8'), null);
  const holder = text === null ? null : readOr(() => JSON.parse(text) as LockHolder, null);
  return holder !== null && !running(holder);
}

export const describeHolder = (h: LockHolder): string => `process ${h.pid} on ${h.host}, started ${h.started}`;

/**
 * Takes `dir`'s lock: run.lock appears whole (linked from a written temporary file) or not at
 * all. A lock whose holder has died on this host is taken over; one held by a live process, or
 * by one on another host, is refused with its holder named.
 */
function lock(dir: string): Opened<{ release: () => void; tookOver: LockHolder | null }> {
  const path = join(dir, LOCK);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), boot: bootId(), ticks: startTicks(process.pid) });
  const temp = `${path}.new-${process.pid}`;
  const written = writeAtomic(temp, mine);
  if (!written.ok) return written;
  let tookOver: LockHolder | null = null;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temp, path);
        const release = (): void => {
          process.off('exit', release);
          if (readOr(() => readFileSync(path, 'utf8'), null) === mine) readOr(() => unlinkSync(path), undefined);
        };
        // fail() and a second Ctrl-C leave through process.exit: the lock goes with them.
        process.on('exit', release);
        return { ok: true, value: { release, tookOver } };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return cannot(path, e);
      }
      const text = readOr(() => readFileSync(path, 'utf8'), null);
      if (text === null) continue; // released meanwhile
      const holder = readOr(() => JSON.parse(text) as LockHolder, null);
      if (holder && running(holder)) {
        const elsewhere = holder.host === hostname() ? '' : ` (if that process is gone, delete ${path})`;
        return { ok: false, error: `${dir} is in use by another drq: ${describeHolder(holder)}${elsewhere}` };
      }
      // Dead (or unreadable): move it aside, and put it back if another process replaced it meanwhile.
      const aside = `${path}.stale-${process.pid}`;
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      if (readFileSync(aside, 'utf8') !== text) readOr(() => linkSync(aside, path), undefined);
      else tookOver = holder ?? { pid: 0, host: '?', started: '?', boot: null, ticks: null };
      unlinkSync(aside);
    }
    return { ok: false, error: `${dir}: cannot take the lock ${path}: other processes keep taking it` };
  } finally {
    readOr(() => unlinkSync(temp), undefined);
  }
}

/** The writer of a locked run directory. */
function open(dir: string, release: () => void, tookOver: LockHolder | null): Opened<RunDir> {
  const logPath = join(dir, LOG);
  let log: number;
  let size: number;
  try {
    mkdirSync(join(dir, 'champions'), { recursive: true });
    mkdirSync(join(dir, 'archives'), { recursive: true });
    log = openSync(logPath, 'a');
    size = fstatSync(log).size;
  } catch (e) {
    release();
    return cannot(dir, e);
  }
  // What a sync fails to make durable is cut off, so the log never claims more than it holds.
  let synced = size;
  let syncedAt = Date.now();
  const sync = (): Written => {
    if (synced === size) return OK;
    try {
      fsyncSync(log);
    } catch (e) {
      readOr(() => ftruncateSync(log, synced), undefined);
      size = synced;
      return cannot(logPath, e);
    }
    synced = size;
    syncedAt = Date.now();
    return OK;
  };
  // Every other file is written after the log is durable, so none of them ever runs ahead of it.
  const whole = (path: string, text: string): Written => {
    const logged = sync();
    return logged.ok ? writeAtomic(path, text) : logged;
  };
  return {
    ok: true,
    value: {
      dir,
      tookOver,
      append(record) {
        const line = Buffer.from(JSON.stringify(record) + '\n');
        try {
          writeAll(log, line);
          size += line.length;
        } catch (e) {
          // Cut a partly written line back, so the log ends on a whole record.
          readOr(() => ftruncateSync(log, size), undefined);
          return cannot(logPath, e);
        }
        return Date.now() - syncedAt >= SYNC_MS ? sync() : OK;
      },
      writeConfig: (config) => whole(join(dir, CONFIG), JSON.stringify(config, null, 2) + '\n'),
      writeChampion: (round, source) => whole(join(dir, 'champions', `round_${pad(round)}.red`), source),
      writeArchive: (round, snapshot) => whole(join(dir, 'archives', `round_${pad(round)}.json`), JSON.stringify(snapshot, null, 1) + '\n'),
      writeSummary: (summary) => whole(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n'),
      close() {
        sync();
        readOr(() => closeSync(log), undefined);
        release();
      },
    },
  };
}

/** A new run in `dir` (created if needed), locked; refused if `dir` already holds a run or another process holds it. */
export function createRunDir(dir: string, config: unknown): Opened<RunDir> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    // A recursive mkdir says ENOENT where the file system is read-only; a plain one says why.
    try {
      mkdirSync(dir);
    } catch (plain) {
      return cannot(dir, plain);
    }
    return cannot(dir, e);
  }
  const locked = lock(dir);
  if (!locked.ok) return locked;
  const { release, tookOver } = locked.value;
  if (existsSync(join(dir, CONFIG))) {
    release();
    return { ok: false, error: `${dir} already holds a run (continue it with --resume ${dir})` };
  }
  const written = writeAtomic(join(dir, CONFIG), JSON.stringify(config, null, 2) + '\n');
  if (!written.ok) {
    release();
    return written;
  }
  return open(dir, release, tookOver);
}

/** Reopens a run for --resume, locked: its config, every complete logged candidate, its last summary, and the writer. */
export function openRunDir(dir: string): Opened<{ config: unknown; candidates: unknown[]; summary: unknown; run: RunDir }> {
  const configPath = join(dir, CONFIG);
  if (!existsSync(configPath)) return { ok: false, error: `${dir} holds no run (no ${CONFIG})` };
  const locked = lock(dir);
  if (!locked.ok) return locked;
  const { release, tookOver } = locked.value;
  try {
    const config: unknown = JSON.parse(readFileSync(configPath, 'utf8'));
    const summaryPath = join(dir, 'summary.json');
    const summary: unknown = existsSync(summaryPath) ? JSON.parse(readFileSync(summaryPath, 'utf8')) : null;
    const logPath = join(dir, LOG);
    const text = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    // A kill during append leaves at most one torn line at the end: drop it, keep the rest.
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      const fd = openSync(logPath, 'r+');
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
      closeSync(fd);
    }
    const candidates = text.slice(0, end).split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown);
    const run = open(dir, release, tookOver);
    return run.ok ? { ok: true, value: { config, candidates, summary, run: run.value } } : run;
  } catch (e) {
    release();
    return { ok: false, error: `cannot read the run in ${dir}: ${reason(e)}` };
  }
}

export interface RunFiles {
  config: unknown;
  summary: unknown;
  /** Each round's champion source, in round order (a round that named none has no file). */
  champions: { round: number; source: string }[];
  /** Each round's archive snapshot, in round order. */
  archives: { round: number; snapshot: unknown }[];
}

/** Every file of a run, read only (drq report): a run is reportable once its first round has ended. */
export function readRunDir(dir: string): Opened<RunFiles> {
  if (!existsSync(join(dir, CONFIG))) return { ok: false, error: `${dir} holds no run (no ${CONFIG})` };
  if (!existsSync(join(dir, 'summary.json'))) return { ok: false, error: `${dir} has no summary.json yet: no round of the run has ended` };
  try {
    const rounds = (sub: string, ext: string): { round: number; text: string }[] =>
      readdirSync(join(dir, sub))
        .filter((f) => f.endsWith(ext) && /^round_\d+$/.test(f.slice(0, -ext.length)))
        .map((f) => ({ round: Number(f.slice('round_'.length, -ext.length)), text: readFileSync(join(dir, sub, f), 'utf8') }))
        .sort((a, b) => a.round - b.round);
    return {
      ok: true,
      value: {
        config: JSON.parse(readFileSync(join(dir, CONFIG), 'utf8')) as unknown,
        summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as unknown,
        champions: rounds('champions', '.red').map((r) => ({ round: r.round, source: r.text })),
        archives: rounds('archives', '.json').map((r) => ({ round: r.round, snapshot: JSON.parse(r.text) as unknown })),
      },
    };
  } catch (e) {
    return { ok: false, error: `cannot read the run in ${dir}: ${(e as Error).message}` };
  }
}

/** What a watcher of a run sees at one moment: the whole files (null before they exist) and the log's new records. */
export interface RunTail {
  config: unknown;
  summary: unknown;
  /** Whole log lines from `from` on; a line still being written is left for the next read. */
  records: unknown[];
  /** Where the next read starts. */
  next: number;
  /** The log was cut below `from` (a resume drops a torn last line): the records start from the beginning. */
  restarted: boolean;
  /** The log holds more than this read took (it reads about `limit` bytes at a time). */
  more: boolean;
  /** run.lock's holder has surely died (kill -9, a crash): no process writes the run, whatever summary.json says. */
  writerGone: boolean;
}

/**
 * Reads a run without taking its lock or writing anything, so a watcher (drq report --serve) can
 * come and go while evolve writes: config and summary are replaced whole, and the log is read
 * from byte `from`, about `limit` bytes of it, up to its last complete line.
 */
export function tailRunDir(dir: string, from: number, limit = 1 << 24): Opened<RunTail> {
  try {
    const json = (name: string): unknown => readOr(() => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown, null);
    let bytes = Buffer.alloc(0);
    let start = from;
    let size = 0;
    if (existsSync(join(dir, LOG))) {
      const fd = openSync(join(dir, LOG), 'r');
      try {
        size = fstatSync(fd).size;
        if (size < start) start = 0;
        // A line longer than `limit` is read whole: the window doubles until it holds a line end.
        for (let length = Math.min(size - start, limit); ; length = Math.min(size - start, 2 * length)) {
          bytes = Buffer.alloc(length);
          for (let done = 0; done < length;) {
            const n = readSync(fd, bytes, done, length - done, start + done);
            if (n === 0) break;
            done += n;
          }
          if (bytes.includes(0x0a) || start + length >= size) break;
        }
      } finally {
        closeSync(fd);
      }
    }
    const whole = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
    const records = whole.toString('utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown);
    return {
      ok: true,
      value: {
        config: json(CONFIG), summary: json('summary.json'), records, next: start + whole.length, restarted: start < from,
        more: start + bytes.length < size,
        writerGone: writerGone(dir),
      },
    };
  } catch (e) {
    return { ok: false, error: `cannot read the run in ${dir}: ${reason(e)}` };
  }
}
