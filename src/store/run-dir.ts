// The run directory, and the only code that writes run output:
//   config.json              the run's resolved configuration (what --resume continues)
//   candidates.jsonl         append-only, one JSON line per candidate, fsynced line by line
//   champions/round_NNN.red  each round's champion
//   archives/round_NNN.json  each round's MAP-Elites archive at its end
//   summary.json             the run so far
// Whole files are written to a temporary name and renamed, so a reader (or a kill -9) never
// sees half a file; a torn last log line is cut off when the run is reopened. It knows JSON,
// not what the records mean: callers own their shapes.

import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type Opened<T> = { ok: true; value: T } | { ok: false; error: string };

export interface RunDir {
  dir: string;
  append(record: object): void;
  writeChampion(round: number, source: string): void;
  writeArchive(round: number, snapshot: unknown): void;
  writeSummary(summary: unknown): void;
  close(): void;
}

const CONFIG = 'config.json';
const LOG = 'candidates.jsonl';
const pad = (round: number): string => String(round).padStart(3, '0');

function writeAtomic(path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function open(dir: string): RunDir {
  mkdirSync(join(dir, 'champions'), { recursive: true });
  mkdirSync(join(dir, 'archives'), { recursive: true });
  const log = openSync(join(dir, LOG), 'a');
  return {
    dir,
    append(record) {
      writeSync(log, JSON.stringify(record) + '\n');
      fsyncSync(log);
    },
    writeChampion: (round, source) => writeAtomic(join(dir, 'champions', `round_${pad(round)}.red`), source),
    writeArchive: (round, snapshot) => writeAtomic(join(dir, 'archives', `round_${pad(round)}.json`), JSON.stringify(snapshot, null, 1) + '\n'),
    writeSummary: (summary) => writeAtomic(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n'),
    close: () => closeSync(log),
  };
}

/** A new run in `dir` (created if needed); refused if `dir` already holds a run. */
export function createRunDir(dir: string, config: unknown): Opened<RunDir> {
  if (existsSync(join(dir, CONFIG))) return { ok: false, error: `${dir} already holds a run (continue it with --resume ${dir})` };
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomic(join(dir, CONFIG), JSON.stringify(config, null, 2) + '\n');
    return { ok: true, value: open(dir) };
  } catch (e) {
    return { ok: false, error: `cannot write ${dir}: ${(e as Error).message}` };
  }
}

/** Reopens a run for --resume: its config, every complete logged candidate, and the writer. */
export function openRunDir(dir: string): Opened<{ config: unknown; candidates: unknown[]; run: RunDir }> {
  const configPath = join(dir, CONFIG);
  if (!existsSync(configPath)) return { ok: false, error: `${dir} holds no run (no ${CONFIG})` };
  try {
    const config: unknown = JSON.parse(readFileSync(configPath, 'utf8'));
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
    return { ok: true, value: { config, candidates, run: open(dir) } };
  } catch (e) {
    return { ok: false, error: `cannot read the run in ${dir}: ${(e as Error).message}` };
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
