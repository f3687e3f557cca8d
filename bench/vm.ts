// VM throughput against pMARS: 50 human pairs × 100 rounds at 94nop with -F 4000, single
// thread. pMARS is timed as whole processes (`pmars -b -r 100 -F 4000 w1 w2`, one per pair);
// drq as in-process battles after compiling the Wasm once. Both must agree on every result.
// Best of BENCH_REPEATS (default 3) interleaved runs each.
//   usage: node dist/bench/vm.js [PMARS] [pairs] [rounds]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createMars, DEFAULT_SETTINGS } from '../src/vm/mars.js';
import { ORACLE, listing } from '../tests/vm/listing.js';

const PMARS = process.argv[2] ?? process.env.PMARS ?? '/root/.cache/pmars-headless/pmars';
const PAIRS = Number(process.argv[3] ?? 50);
const ROUNDS = Number(process.argv[4] ?? 100);
const F = 4000;
const HUMAN = '/work/shared/warriors/human';

const pairs = [...new Set(readFileSync(`${ORACLE}/human-pairs.jsonl`, 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as { w1: string; w2: string }).map((p) => `${p.w1} ${p.w2}`))]
  .slice(0, PAIRS).map((p) => p.split(' '));

const mars = createMars();
const images = pairs.map(([a, b]) => [listing(a), listing(b)]);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

function runDrq(): { seconds: number; results: string[]; instructions: number } {
  const t = performance.now();
  const results: string[] = [];
  let instructions = 0;
  for (const warriors of images) {
    const r = mars.battle(warriors, DEFAULT_SETTINGS, { kind: 'position', value: F }, { rounds: ROUNDS });
    if (!r.ok) throw new Error(r.error);
    for (const round of r.rounds) instructions += round.instructions;
    results.push(`${r.results.wins} ${r.results.losses} ${r.results.ties}`);
  }
  return { seconds: (performance.now() - t) / 1000, results, instructions };
}

function runPmars(): { seconds: number; results: string[] } {
  const t = performance.now();
  const results = pairs.map(([a, b]) => {
    const out = execFileSync(PMARS, ['-b', '-r', `${ROUNDS}`, '-F', `${F}`, `${HUMAN}/${a}`, `${HUMAN}/${b}`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    return /Results: (\d+ \d+ \d+)/.exec(out)?.[1] ?? '?';
  });
  return { seconds: (performance.now() - t) / 1000, results };
}

// Interleaved repeats, best of each: the machine is shared, so single runs are noisy.
runDrq();
let drq = runDrq();
let pm = runPmars();
for (let k = 1; k < REPEATS; k++) {
  const d = runDrq();
  if (d.seconds < drq.seconds) drq = d;
  const p = runPmars();
  if (p.seconds < pm.seconds) pm = p;
}
const ours = drq.results;
const theirs = pm.results;
const instructions = drq.instructions;
const drqSeconds = drq.seconds;
const pmarsSeconds = pm.seconds;
const mismatches = ours.filter((r, i) => r !== theirs[i]).length;
const battles = pairs.length;
const line = (name: string, s: number) =>
  `${name.padEnd(6)} ${s.toFixed(3).padStart(8)} s  ${(battles / s).toFixed(2).padStart(8)} battles/s  ${(instructions / s / 1e6).toFixed(1).padStart(7)} M instr/s`;
console.log(`${battles} pairs × ${ROUNDS} rounds, -F ${F}, 94nop; ${cpus()[0].model}, Node ${process.version}`);
console.log(line('drq', drqSeconds));
console.log(line('pmars', pmarsSeconds));
console.log(`speed-up ${(pmarsSeconds / drqSeconds).toFixed(2)}×, result mismatches: ${mismatches}`);
if (mismatches) process.exitCode = 1;
