// The fixed workloads of `drq bench`, built from Redcode files so that a pMARS can fight the
// very same battles: 94nop settings, placement from -F 4000 (round 1) and pMARS's RNG after.

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type HillSettings, resolveSettings } from '../src/config.js';
import { loadEntrant } from '../src/match.js';
import { packagePath } from '../src/package-path.js';
import type { MarsSettings, Warrior } from '../src/vm/mars.js';
import type { BattleJob } from '../src/vm/runner.js';

export const POSITION = 4000;

const marsSettings = ({ coresize, cycles, processes, maxLength, separation, pspaceSize }: HillSettings): Required<MarsSettings> =>
  ({ coresize, cycles, processes, maxLength, separation, pspaceSize });

/** One battle as both engines see it: files (command-line order) and rounds. */
export interface BenchBattle {
  files: string[];
  rounds: number;
}

export interface Workload {
  name: string;
  description: string;
  battles: BenchBattle[];
  jobs: BattleJob[];
  /** Each battle is one evaluation a caller waits for (DRQ): also measure its time outside Wasm. */
  evaluations: boolean;
}

/** Warriors that never write the core: they split to the process limit and tie every round. */
const TIE_WARRIORS = {
  'spl0.red': ';name spl 0\n;assert 1\n        spl 0\n',
  'spljmp.red': ';name spl 1, jmp -1\n;assert 1\n        spl 1\n        jmp -1\n',
};

export const WORKLOAD_NAMES = ['tie', 'realistic', 'melee', 'evolve', 'drq', 'roundrobin'] as const;

/** The package's root directory (bench/ and dist/bench/ both sit below it). */
const packageRoot = (): string => dirname(packagePath('package.json')!);

/** shared/warriors/human beside the package when present, else the project's own warriors/. */
export function defaultWarriorsDir(): string {
  const root = packageRoot();
  const human = join(root, '..', 'shared', 'warriors', 'human');
  return existsSync(human) ? human : join(root, 'warriors');
}

/** .red files of dir in file-name order. */
const redFiles = (dir: string): string[] => existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.red')).sort().map((f) => join(dir, f)) : [];

export interface Workloads {
  workloads: Workload[];
  /** The round robin's players and rounds, also the whole-process tournament's; no players below 2 usable warriors. */
  roundRobin: { players: string[]; rounds: number };
  /** Warriors or workloads left out, one line each. */
  notes: string[];
  /** Removes the temporary files of the built-in warriors. */
  cleanup(): void;
}

/**
 * The workloads named (all by default). `quick` shrinks each to a few short battles (tests).
 * Warriors of `dir` are taken in file-name order, skipping those that do not assemble.
 */
export function buildWorkloads({ dir, quick, names = [...WORKLOAD_NAMES] }: { dir: string; quick: boolean; names?: string[] }): Workloads {
  const notes: string[] = [];
  const temp = mkdtempSync(join(tmpdir(), 'drq-bench-'));
  const builtIn = Object.entries(TIE_WARRIORS).map(([file, source]) => {
    writeFileSync(join(temp, file), source);
    return join(temp, file);
  });

  const settingsFor = (warriors: number): HillSettings => {
    const resolved = resolveSettings({ preset: '94nop' }, warriors);
    if (!resolved.ok) throw new Error(resolved.error);
    return resolved.value;
  };
  const images = new Map<string, Warrior | null>();
  /** The warrior as assembled for seat `index` of `count` (pMARS's predefined constants differ). */
  function load(file: string, count: number, index: number): Warrior | null {
    const key = `${count}:${index === 0 ? 'first' : 'other'}:${file}`;
    if (!images.has(key)) {
      const entrant = loadEntrant(file, settingsFor(count), count, index);
      images.set(key, entrant.ok ? entrant.value.image : null);
    }
    return images.get(key)!;
  }

  const files = redFiles(dir);
  const usable = files.filter((f) => load(f, 2, 0) && load(f, 2, 1));
  if (files.length > usable.length) notes.push(`${files.length - usable.length} of ${files.length} warriors in ${dir} do not assemble at 94nop: left out`);
  const pick = (k: number) => usable[k % usable.length];

  const size = (full: number, small: number) => (quick ? small : full);
  // The last ten (three with --quick), last first; all of them when there are fewer.
  const players = usable.length < 2 ? [] : usable.slice(-size(10, 3)).reverse();
  const roundRobin = { players, rounds: size(200, 2) };
  // DRQ's evaluations (melee, evolve, drq) count the candidate's coverage alone, as evolve does.
  const definitions: Record<string, () => { description: string; battles: BenchBattle[]; evaluations?: boolean; fullLength?: boolean; coverage?: 'first'; minWarriors: number }> = {
    tie: () => ({
      description: 'many-process tie: two warriors that split to 8000 processes and run to the cycle limit',
      battles: Array.from({ length: size(40, 1) }, () => ({ files: builtIn, rounds: size(20, 1) })),
      minWarriors: 0,
    }),
    realistic: () => ({
      description: `${size(50, 2)} pairs of ${dir} (disjoint, file-name order) × ${size(100, 2)} rounds`,
      battles: Array.from({ length: size(50, 2) }, (_, k) => ({ files: [pick(2 * k), pick(2 * k + 1)], rounds: size(100, 2) })),
      minWarriors: 2,
    }),
    melee: () => ({
      description: `DRQ-style melee: ${size(8, 1)} evaluations, each 1 candidate vs ${size(20, 3)} opponents × ${size(20, 2)} rounds`,
      battles: Array.from({ length: size(8, 1) }, (_, c) => ({
        files: [pick(120 + c), ...Array.from({ length: size(20, 3) }, (_, j) => pick(100 + j))], rounds: size(20, 2),
      })),
      evaluations: true,
      coverage: 'first',
      minWarriors: 2,
    }),
    // The melee as `drq evolve` fights it by default (--full-length): a lone survivor runs on to
    // the cycle limit. pMARS fights the same battles without that tail, so it does less work.
    evolve: () => ({
      ...definitions.melee(),
      description: `the melee as drq evolve runs it (--full-length): ${size(8, 1)} × (1 vs ${size(20, 3)}) × ${size(20, 2)} rounds`,
      evaluations: false,
      fullLength: true,
    }),
    // DRQ's evaluation on DRQ's warriors (bench/drq: an offline run's champions of rounds
    // 23-50): round r's champion against the 20 before it, as that run fought it.
    drq: () => {
      const champions = redFiles(join(packageRoot(), 'bench', 'drq'));
      const opponents = size(20, 3);
      return {
        description: `drq evolve's melee on its own champions (bench/drq): ${size(8, 1)} × (1 vs ${opponents}) × ${size(20, 2)} rounds, --full-length`,
        battles: Array.from({ length: size(8, 1) }, (_, c) => ({
          files: [champions[20 + c], ...champions.slice(20 + c - opponents, 20 + c)], rounds: size(20, 2),
        })),
        fullLength: true,
        coverage: 'first',
        minWarriors: 0,
      };
    },
    roundrobin: () => ({
      description: `round robin of the last ${players.length} warriors × ${roundRobin.rounds} rounds`,
      battles: players.flatMap((a, i) => players.slice(i + 1).map((b) => ({ files: [a, b], rounds: roundRobin.rounds }))),
      minWarriors: 2,
    }),
  };

  const workloads: Workload[] = [];
  for (const name of names) {
    const { description, battles, evaluations = false, fullLength = false, coverage = 'all' as const, minWarriors } = definitions[name]();
    if (usable.length < minWarriors) {
      notes.push(`${name}: skipped, needs ${minWarriors} warriors that assemble in ${dir}`);
      continue;
    }
    const seats = battles.map(({ files: fs }) => fs.map((f, i) => load(f, fs.length, i)));
    const refused = battles.flatMap(({ files: fs }, b) => fs.filter((_, i) => !seats[b][i]));
    if (refused.length) {
      notes.push(`${name}: skipped, ${refused[0]} does not assemble in a battle of ${battles[0].files.length}`);
      continue;
    }
    const jobs = battles.map(({ files: fs, rounds }, b) => ({
      warriors: seats[b] as Warrior[],
      settings: marsSettings(settingsFor(fs.length)),
      seed: { kind: 'position', value: POSITION } as const,
      options: { rounds, fullLength, coverage },
    }));
    workloads.push({ name, description, battles, jobs, evaluations });
  }
  return { workloads, roundRobin, notes, cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}
