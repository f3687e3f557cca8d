// What a workload of `drq bench` executes: the share of each opcode, of each (A-mode, B-mode)
// pair and of the commonest whole instructions, counted by stepping the VM one instruction at a
// time through the first rounds of its first battles (slow; for deciding what to make fast).
//   usage: node dist/bench/mix.js [workload] [battles] [rounds] [warriors dir]
import { createMars } from '../src/vm/mars.js';
import { buildWorkloads, defaultWarriorsDir } from './workloads.js';

const [name = 'melee', battles = '2', rounds = '4', warriors = defaultWarriorsDir()] = process.argv.slice(2);
const OPCODES = 'MOV ADD SUB MUL DIV MOD JMZ JMN DJN CMP SLT SPL DAT JMP SEQ SNE NOP LDP STP'.split(' ');
const MODIFIERS = 'A B AB BA F X I'.split(' ');
const MODES = '#$@<>*{}';

const { workloads, cleanup } = buildWorkloads({ dir: warriors, quick: false, names: [name] });
const mars = createMars();
const counts = new Map<number, number>();
let total = 0;
for (const job of workloads[0]?.jobs.slice(0, Number(battles)) ?? []) {
  const battle = mars.battle(job.warriors, job.settings, job.seed, { ...job.options, rounds: Number(rounds) });
  if (!battle.ok) throw new Error(battle.error);
  for (const round of battle.rounds) {
    const stepper = mars.stepper(job.warriors, job.settings, { positions: round.warriors.map((w) => w.position), firstMover: round.firstMover });
    if ('ok' in stepper) throw new Error(stepper.error);
    for (let over = false; !over && stepper.live() > 0; total++) {
      const opword = stepper.cell(stepper.next(stepper.current())!)[0] & 0x7fff;
      counts.set(opword, (counts.get(opword) ?? 0) + 1);
      over = stepper.step(1);
    }
  }
}
cleanup();

function shares(key: (opword: number) => string, top: number): string {
  const sums = new Map<string, number>();
  for (const [opword, n] of counts) sums.set(key(opword), (sums.get(key(opword)) ?? 0) + n);
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, n]) => `${k} ${((100 * n) / total).toFixed(1)}%`).join(', ');
}
console.log(`${total} instructions of ${name}`);
console.log(`opcodes: ${shares((w) => OPCODES[w >> 9], 12)}`);
console.log(`modes (A B): ${shares((w) => `${MODES[(w >> 3) & 7]}${MODES[w & 7]}`, 12)}`);
console.log(`instructions: ${shares((w) => `${OPCODES[w >> 9]}.${MODIFIERS[(w >> 6) & 7]} ${MODES[(w >> 3) & 7]} ${MODES[w & 7]}`, 15)}`);
