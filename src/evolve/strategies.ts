// The offline generator's strategy templates, written for drq: silk papers and imp spirals
// here, the templates that end in a core clear in clears.ts (a stone, an incendiary, dwarfs,
// scanners, a vampire, clears), the quickscan in qscan.ts. Each is Redcode text with drawn
// parameters, a self-contained block (its references stay inside it, its entry is its ORG line),
// so that blocks can be combined, swapped and crossed over whole. Bombing and scanning steps are
// "optima": among the steps of a given mod, those whose bombs spread over the core most evenly
// at every stage of the run, computed for the run's core size.

import type { HillSettings } from '../lib.js';
import { CLEARING } from './clears.js';
import { quickscan } from './qscan.js';
import type { Rng } from './random.js';

export type Role = 'bomber' | 'paper' | 'scanner' | 'vampire' | 'clear' | 'qscan' | 'imp' | 'decoy' | 'code';

export interface BlockSource {
  role: Role;
  /** Redcode with labels and EQUs; assembled on its own. */
  text: string;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The largest gap between the first n bombs at step s (positions i·s mod size, own cell 0 included). */
function largestGap(size: number, s: number, n: number): number {
  const p = Array.from({ length: n }, (_, i) => (i * s) % size).sort((a, b) => a - b);
  let gap = size - p[n - 1] + p[0];
  for (let i = 1; i < n; i++) gap = Math.max(gap, p[i] - p[i - 1]);
  return gap;
}

const optimaCache = new Map<string, number[]>();

/**
 * Steps with gcd(step, size) = mod, farther than `margin` from home either way, ranked by how
 * evenly their bombs cover the core after 1/16, 1/8, 1/4 and 1/2 of a full pass (the sum of
 * the largest gaps, each relative to the ideal); the best `keep`.
 */
export function optimaSteps(size: number, mod: number, margin: number, keep = 24): number[] {
  const key = `${size}/${mod}/${margin}/${keep}`;
  const known = optimaCache.get(key);
  if (known) return known;
  const pass = Math.floor(size / mod);
  const checkpoints = [16, 8, 4, 2].map((d) => Math.max(2, Math.floor(pass / d)));
  const ranked: [number, number][] = [];
  for (let s = mod; s <= size / 2; s += mod) {
    if (gcd(s, size) !== mod || s < margin) continue;
    const score = checkpoints.reduce((sum, n) => sum + largestGap(size, s, n) * n / size, 0);
    ranked.push([score, s]);
  }
  ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const steps = ranked.slice(0, keep).map(([, s]) => s);
  optimaCache.set(key, steps);
  return steps;
}

/** n-point imp steps for the core: n coprime to the size, step = n⁻¹ mod size (n steps land one cell on). */
export function impSteps(size: number): { points: number; step: number }[] {
  const out: { points: number; step: number }[] = [];
  for (let n = 3; n <= 13 && out.length < 4; n++) {
    if (gcd(n, size) !== 1) continue;
    for (let s = 1; s < size; s++) if ((n * s) % size === 1) { out.push({ points: n, step: s }); break; }
  }
  return out;
}

/** Parameters drawn for the run's hill. */
export interface Drawn {
  size: number;
  /** An optima step of mod 4 or 5 (sign drawn). */
  step(rng: Rng, mods?: number[]): number;
  /** Cells either side of a warrior that its own code may occupy: far distances keep out of them. */
  margin: number;
  /** A far distance, uniformly. */
  far(rng: Rng): number;
  /** How many bombs at `step` land before one falls within `span` cells of the bomber either way. */
  lanes(step: number, span: number): number;
}

export function drawer(settings: HillSettings): Drawn {
  const size = settings.coresize;
  const margin = Math.min(Math.floor(size / 4), 2 * settings.maxLength);
  return {
    size,
    step(rng, mods = [4, 5]) {
      const fitting = mods.filter((m) => size % m === 0);
      const mod = fitting.length ? rng.pick(fitting) : 1;
      const steps = optimaSteps(size, mod, margin);
      return steps.length ? rng.pick(steps) : rng.between(margin, size - margin);
    },
    margin,
    far: (rng) => rng.between(margin, size - margin),
    lanes(step, span) {
      for (let k = 1; k < size; k++) {
        const at = (k * step) % size;
        if (at <= span || at >= size - span) return Math.max(1, k - 1);
      }
      return size;
    },
  };
}

/** The blocks a template can be made of, by role. */
export const BLOCKS: Record<Exclude<Role, 'code'>, ((rng: Rng, d: Drawn) => string)[]> = {
  bomber: CLEARING.bomber,
  paper: [
    // Silk paper of two stages: 8 processes, one per line of the body, copy it far away with
    // post-increments and split into the copy, then the second stage does the same elsewhere;
    // each process then drops a decrement bomb at an optima step (against imps), copies one line
    // backwards to a last place and jumps there. Measured against modern hill warriors, this
    // beat three stages and 16 processes (README, "Measured on the community's scales").
    (rng, d) => {
      const silks = [0, 1].map((i) => `s${i}      spl.b   @0, ${rng.pick(i ? ['<', '>', '{'] : ['}', '>'])}${d.far(rng)}
        mov.i   }s${i}, >s${i}`).join('\n');
      return `${'        spl.b   1, 0\n'.repeat(3)}${silks}
        mov.i   bomb, }${d.step(rng, [4, 5])}
        mov.i   {s1, <last
last    jmp.b   @0, >${d.far(rng)}
bomb    dat.f   <${Math.round(d.size / 3)}, <${Math.round((2 * d.size) / 3)}
        end     0`;
    },
  ],
  scanner: CLEARING.scanner,
  vampire: CLEARING.vampire,
  qscan: [quickscan],
  clear: CLEARING.clear,
  imp: [
    // Imp spiral, vector launch: 2^k processes each jump one imp step further (n steps = one cell).
    (rng, d) => {
      const options = impSteps(d.size);
      if (!options.length) return 'imp mov.i 0, 1\n end imp';
      const { points, step } = rng.pick(options);
      // 2^k processes, at least two per point: with fewer than one the ring has holes and the imps
      // die; measured, more are stronger.
      return `${'        spl.b   1, 0\n'.repeat(rng.between(Math.min(5, Math.ceil(Math.log2(points)) + 1), 5))}        spl.b   2, 0
vec     jmp.b   @0, imp
        add.ab  #${step}, vec
        dat.f   #0, #0
imp     mov.i   #0, ${step}
        end     0`;
    },
    // The plain imp: one process walking one cell at a time.
    () => 'imp     mov.i   0, 1\n        end     imp',
  ],
  decoy: [
    // Cells that look occupied to a scanner, never executed.
    (rng, d) => Array.from({ length: rng.between(2, 6) }, () =>
      `        ${rng.pick(['dat.f', 'spl.b', 'mov.i', 'jmp.b'])}   ${rng.pick(['<', '>', '{', '}', '$'])}${d.far(rng)}, ${rng.pick(['<', '>', '$'])}${d.far(rng)}`).join('\n'),
  ],
};

/** The roles a warrior's main block can play, and the quickscan that fronts one. */
export const ARCHETYPES = ['bomber', 'paper', 'scanner', 'vampire', 'clear', 'qscan'] as const;

/**
 * New warriors: which roles they combine (the first runs in the first process), with weights.
 * The weights spread new warriors over the archetypes rather than the block counts: a quickscan
 * only fronts another block.
 */
export const DESIGNS: [roles: Exclude<Role, 'code' | 'decoy'>[], weight: number][] = [
  [['bomber'], 3],
  [['bomber', 'imp'], 4],
  [['qscan', 'bomber', 'imp'], 1],
  [['paper'], 2],
  [['paper', 'imp'], 2],
  [['qscan', 'paper'], 2],
  [['scanner'], 3],
  [['scanner', 'imp'], 1],
  [['vampire'], 2],
  [['qscan', 'vampire'], 1],
  [['clear'], 2],
  [['clear', 'imp'], 1],
  [['imp'], 1],
];
