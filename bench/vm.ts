// VM throughput against pMARS: 50 human pairs × 100 rounds at 94nop with -F 4000, single
// thread. pMARS is timed as whole processes (`pmars -b -r 100 -F 4000 w1 w2`, one per pair);
// drq as in-process battles of the same .red files assembled by our assembler, after compiling
// the Wasm once. Both must agree on every result.
// Each repeat times every pair on both engines back to back, so that a busy neighbour slows
// both alike; the figures are the best repeat of each (BENCH_REPEATS, default 3).
//   usage: node dist/bench/vm.js [PMARS] [pairs] [rounds]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolveSettings } from '../src/config.js';
import { loadEntrant } from '../src/match.js';
import { createMars, type Warrior } from '../src/vm/mars.js';

const PMARS = process.argv[2] ?? process.env.PMARS ?? '/root/.cache/pmars-headless/pmars';
const PAIRS = Number(process.argv[3] ?? 50);
const ROUNDS = Number(process.argv[4] ?? 100);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const F = 4000;
const SHARED = '/work/shared';
const HUMAN = `${SHARED}/warriors/human`;

const resolved = resolveSettings({ preset: '94nop', rounds: ROUNDS }, 2);
if (!resolved.ok) throw new Error(resolved.error);
const settings = resolved.value;

// The first PAIRS distinct pairs of the oracle file (the same pairs in every results.md row).
const pairs = [...new Set(readFileSync(`${SHARED}/oracle/human-pairs.jsonl`, 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as { w1: string; w2: string }).map((p) => `${HUMAN}/${p.w1} ${HUMAN}/${p.w2}`))]
  .slice(0, PAIRS).map((p) => p.split(' '));

const images: Warrior[][] = pairs.map((files) => files.map((file, index) => {
  const loaded = loadEntrant(file, settings, 2, index);
  if (!loaded.ok) throw new Error(loaded.messages.join(''));
  return loaded.value.image;
}));

const mars = createMars();

function drq(k: number): { seconds: number; result: string; instructions: number } {
  const t = performance.now();
  const r = mars.battle(images[k], settings, { kind: 'position', value: F }, { rounds: ROUNDS });
  const seconds = (performance.now() - t) / 1000;
  if (!r.ok) throw new Error(r.error);
  const instructions = r.rounds.reduce((sum, round) => sum + round.instructions, 0);
  return { seconds, result: `${r.results.wins} ${r.results.losses} ${r.results.ties}`, instructions };
}

function pmars(k: number): { seconds: number; result: string } {
  const t = performance.now();
  const out = execFileSync(PMARS, ['-b', '-r', `${ROUNDS}`, '-F', `${F}`, ...pairs[k]], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return { seconds: (performance.now() - t) / 1000, result: /Results: (\d+ \d+ \d+)/.exec(out)?.[1] ?? '?' };
}

const load = loadavg()[0];
drq(0); // warm-up: V8 tiers the hot loop up to optimised code
let best = { drq: Infinity, pmars: Infinity };
const ratios: number[] = [];
let mismatches = 0;
let instructions = 0;
for (let r = 0; r < REPEATS; r++) {
  let [d, p] = [0, 0];
  instructions = 0;
  for (let k = 0; k < pairs.length; k++) {
    const ours = drq(k);
    const theirs = pmars(k);
    d += ours.seconds;
    p += theirs.seconds;
    instructions += ours.instructions;
    if (ours.result !== theirs.result) mismatches++;
  }
  best = { drq: Math.min(best.drq, d), pmars: Math.min(best.pmars, p) };
  ratios.push(p / d);
}

const battles = pairs.length;
const line = (name: string, s: number) =>
  `${name.padEnd(6)} ${s.toFixed(3).padStart(8)} s  ${(battles / s).toFixed(2).padStart(8)} battles/s  ${(instructions / s / 1e6).toFixed(1).padStart(7)} M instr/s`;
console.log(`${battles} pairs × ${ROUNDS} rounds, -F ${F}, 94nop; ${cpus()[0].model}, Node ${process.version}; load average ${load.toFixed(2)} at start`);
console.log(line('drq', best.drq));
console.log(line('pmars', best.pmars));
console.log(`speed-up ${(best.pmars / best.drq).toFixed(2)}× (best of ${REPEATS}; per repeat ${ratios.map((x) => x.toFixed(2)).join(', ')}), result mismatches: ${mismatches}`);
if (mismatches) process.exitCode = 1;
