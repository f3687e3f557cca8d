// The offline generator: writes and mutates Redcode without a network, so the whole loop runs
// on a fresh machine. New warriors are classic shapes (imp, dwarf, stone, paper) with random
// constants, or random code; mutations are the textbook evolver's operators. Everything it
// does is drawn from rngFor(seed, round, slot), so a resumed run writes the same warriors.

import { type HillSettings, type Instruction, MODES, MODIFIERS, OPCODES } from '../lib.js';
import { compile } from './compile.js';
import type { Generate, Parent } from './generator.js';
import { type Rng, rngFor } from './random.js';

/** One line of a genome: codes as in instruction.ts, numbers as signed offsets. */
interface Gene {
  op: number; mod: number; am: number; a: number; bm: number; b: number;
}
interface Genome {
  genes: Gene[];
  start: number;
}

const op = (name: string): number => OPCODES.indexOf(name as (typeof OPCODES)[number]);
const mod = (name: string): number => MODIFIERS.indexOf(name as (typeof MODIFIERS)[number]);
const mode = (symbol: string): number => MODES.indexOf(symbol);

// Opcode weights: what working warriors are made of (MOV, SPL, ADD, DJN, DAT, JMP ...); no P-space.
const OPCODE_WEIGHTS: Record<string, number> = {
  MOV: 20, ADD: 8, SUB: 4, MUL: 1, DIV: 1, MOD: 1, JMZ: 4, JMN: 4, DJN: 6, CMP: 2, SLT: 2,
  SPL: 10, DAT: 8, JMP: 6, SEQ: 2, SNE: 3, NOP: 1, LDP: 0, STP: 0,
};
const OPCODE_TABLE = OPCODES.map((name) => OPCODE_WEIGHTS[name]);
const MODE_TABLE = [15, 30, 10, 8, 10, 5, 8, 10]; // # $ @ < > * { }
/** The modifier a Redcode author usually writes with each opcode. */
const USUAL_MODIFIER: Record<string, string> = {
  MOV: 'I', ADD: 'AB', SUB: 'AB', MUL: 'AB', DIV: 'AB', MOD: 'AB', JMZ: 'B', JMN: 'B', DJN: 'B', CMP: 'I',
  SLT: 'AB', SPL: 'B', DAT: 'F', JMP: 'B', SEQ: 'I', SNE: 'I', NOP: 'F', LDP: 'AB', STP: 'AB',
};

const gene = (o: string, m: string, am: string, a: number, bm: string, b: number): Gene =>
  ({ op: op(o), mod: mod(m), am: mode(am), a, bm: mode(bm), b });

export function createOfflineGenerator(options: { seed: number; settings: HillSettings }): Generate {
  const { seed, settings } = options;
  const size = settings.coresize;
  const maxLength = Math.min(settings.maxLength, 40);
  const signed = (v: number): number => {
    const r = ((v % size) + size) % size;
    return r > size / 2 ? r - size : r;
  };

  /** A bombing or copying distance: far from home, often a classic mod-4/mod-5 step. */
  const step = (rng: Rng): number => rng.chance(0.5)
    ? signed(rng.pick([4, 5, 8, 10]) * rng.between(1, Math.floor(size / 10)))
    : signed(rng.between(Math.ceil(size / 20), size - 1));

  function number(rng: Rng, length: number): number {
    const r = rng.next();
    if (r < 0.6) return rng.between(-length - 2, length + 2);
    if (r < 0.9) return step(rng);
    return 0;
  }

  function randomGene(rng: Rng, length: number): Gene {
    const o = rng.weighted(OPCODE_TABLE);
    const m = rng.chance(0.6) ? mod(USUAL_MODIFIER[OPCODES[o]]) : rng.int(MODIFIERS.length);
    return { op: o, mod: m, am: rng.weighted(MODE_TABLE), a: number(rng, length), bm: rng.weighted(MODE_TABLE), b: number(rng, length) };
  }

  const templates: ((rng: Rng) => Genome)[] = [
    () => ({ genes: [gene('MOV', 'I', '$', 0, '$', 1)], start: 0 }),
    (rng) => ({ // dwarf
      genes: [gene('ADD', 'AB', '#', step(rng), '$', 3), gene('MOV', 'I', '$', 2, '@', 2), gene('JMP', 'B', '$', -2, '$', 0), gene('DAT', 'F', '#', 0, '#', 0)],
      start: 0,
    }),
    (rng) => { // stone
      const s = step(rng);
      return { genes: [gene('MOV', 'I', '<', 2, '$', signed(2 + s)), gene('ADD', 'F', '$', 2, '$', -1), gene('DJN', 'F', '$', -2, '<', -5), gene('DAT', 'F', '#', s, '#', -s)], start: 0 };
    },
    (rng) => { // paper: copies itself away and splits into the copy
      const len = 9;
      return {
        genes: [
          gene('SPL', 'B', '$', 1, '$', 0), gene('SPL', 'B', '$', 1, '$', 0), gene('MOV', 'I', '#', len, '$', 0),
          gene('MOV', 'I', '<', -1, '<', 5), gene('JMN', 'B', '$', -1, '$', -2), gene('SPL', 'B', '@', 3, '$', 0),
          gene('ADD', 'AB', '#', step(rng), '$', 2), gene('MOV', 'AB', '#', len, '$', -5), gene('DAT', 'F', '#', 0, '#', step(rng)),
        ],
        start: 0,
      };
    },
    (rng) => ({ genes: Array.from({ length: rng.between(2, 10) }, () => randomGene(rng, 10)), start: 0 }),
  ];

  function fresh(rng: Rng): Genome {
    const g = rng.pick(templates)(rng);
    const tweaks = rng.int(3);
    for (let i = 0; i < tweaks; i++) mutateOnce(rng, g, undefined);
    return g;
  }

  /** Keeps references to lines on either side of an inserted (+1) or deleted (−1) line pointing at them. */
  function shift(g: Genome, at: number, by: 1 | -1): void {
    g.genes.forEach((x, i) => {
      const fix = (m: number, v: number): number => {
        if (m === 0) return v;
        const t = i + v;
        if (i < at && t >= at) return v + by;
        if (i >= at && t < at) return v - by;
        return v;
      };
      x.a = fix(x.am, x.a);
      x.b = fix(x.bm, x.b);
    });
  }

  function mutateOnce(rng: Rng, g: Genome, mate: Genome | undefined): string {
    const n = g.genes.length;
    const at = rng.int(n);
    const x = g.genes[at];
    switch (rng.weighted([3, 2, 3, 3, 5, 2, 2, 2, mate ? 2 : 0, 1])) {
      case 0: x.op = rng.weighted(OPCODE_TABLE); return `opcode of line ${at + 1}`;
      case 1: x.mod = rng.int(MODIFIERS.length); return `modifier of line ${at + 1}`;
      case 2:
        if (rng.chance(0.5)) x.am = rng.weighted(MODE_TABLE); else x.bm = rng.weighted(MODE_TABLE);
        return `a mode on line ${at + 1}`;
      case 3:
        if (rng.chance(0.5)) x.a = number(rng, n); else x.b = number(rng, n);
        return `a field on line ${at + 1}`;
      case 4: {
        const d = rng.chance(0.7) ? rng.pick([-1, 1]) : rng.between(-16, 16);
        if (rng.chance(0.5)) x.a = signed(x.a + d); else x.b = signed(x.b + d);
        return `a constant on line ${at + 1} by ${d}`;
      }
      case 5:
        if (n >= maxLength) return 'nothing (full)';
        shift(g, at, 1);
        g.genes.splice(at, 0, randomGene(rng, n));
        if (g.start > at) g.start++;
        return `a new line ${at + 1}`;
      case 6:
        if (n <= 1) return 'nothing (one line)';
        g.genes.splice(at, 1);
        shift(g, at, -1);
        if (g.start > at) g.start--;
        return `deleted line ${at + 1}`;
      case 7:
        if (n >= maxLength) return 'nothing (full)';
        shift(g, at + 1, 1);
        g.genes.splice(at + 1, 0, { ...x });
        if (g.start > at) g.start++;
        return `duplicated line ${at + 1}`;
      case 8: {
        const m = mate!;
        const cut = rng.between(0, n);
        const from = rng.int(m.genes.length);
        g.genes = [...g.genes.slice(0, cut), ...m.genes.slice(from).map((y) => ({ ...y }))].slice(0, maxLength);
        if (g.genes.length === 0) g.genes = [randomGene(rng, 1)];
        if (g.start >= g.genes.length) g.start = 0;
        return `crossover at line ${cut + 1} with the mate's line ${from + 1}`;
      }
      default:
        g.start = rng.int(n);
        return `start at line ${g.start + 1}`;
    }
  }

  function parse(parent: Parent): Genome | undefined {
    const c = compile(parent.source, settings);
    if (!c.ok || c.instructions.length === 0) return undefined;
    const genes = c.instructions.map((i: Instruction) => ({
      op: i.opcode as number, mod: i.modifier as number, am: i.aMode as number, a: signed(i.aNumber), bm: i.bMode as number, b: signed(i.bNumber),
    }));
    const start = c.warrior.start;
    return { genes: genes.slice(0, maxLength), start: start < genes.length && start < maxLength ? start : 0 };
  }

  function print(g: Genome, name: string, strategy: string): string {
    const lines = g.genes.map((x) =>
      `        ${OPCODES[x.op]}.${MODIFIERS[x.mod].padEnd(2)} ${MODES[x.am]}${signed(x.a)}, ${MODES[x.bm]}${signed(x.b)}`);
    return [';redcode-94', `;name ${name}`, ';author drq offline generator', `;strategy ${strategy}`, ...lines, `        end     ${g.start}`, ''].join('\n');
  }

  return async (request, { round, slot }) => {
    const rng = rngFor(seed, 'offline', round, slot);
    const name = `offline r${round} s${slot}`;
    let source: string;
    const parent = request.kind === 'mutate' ? parse(request.parent) : undefined;
    if (request.kind === 'mutate' && parent) {
      const mate = parse(request.mate);
      const done = Array.from({ length: 1 + rng.int(3) }, () => mutateOnce(rng, parent, mate));
      source = print(parent, name, `mutated ${request.parent.id}: ${done.join('; ')}`);
    } else {
      source = print(fresh(rng), name, 'a new warrior');
    }
    return { ok: true, reply: source, source, usage: null };
  };
}
