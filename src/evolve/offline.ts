// The offline generator: writes and mutates Redcode without a network, so the whole loop runs
// on a fresh machine. A warrior is a list of blocks (strategies.ts: stone, dwarf, paper,
// scanner, vampire, core clear, quickscan, imp spiral, decoy), each self-contained, started by
// a header of SPLs that is rebuilt whenever the blocks change. New warriors combine templates with drawn
// parameters; mutations respect the structure (change a step to another optima step, add a
// decoy, swap the imp launcher, redraw a block, switch the main block to another archetype,
// preferring one the parent, mate and round's best lack), with a few point mutations for the
// rest; crossover exchanges whole blocks. The printed source marks its blocks (";block ROLE ENTRY")
// so that a child can be parsed back into them; hand-written parents are one block.
// Everything is drawn from rngFor(seed, 'offline', round, slot): a resumed run writes the same warriors.

import { type HillSettings, type Instruction, MODES, MODIFIERS, OPCODES } from '../lib.js';
import { compile } from './compile.js';
import type { Generate, Parent } from './generator.js';
import { type Rng, rngFor } from './random.js';
import { ARCHETYPES, BLOCKS, DESIGNS, drawer, type Role } from './strategies.js';

/** One line: codes as in instruction.ts, numbers as signed offsets. */
interface Gene {
  op: number; mod: number; am: number; a: number; bm: number; b: number;
}
interface Block {
  role: Role;
  genes: Gene[];
  /** The line its process starts at. */
  entry: number;
}

const op = (name: string): number => OPCODES.indexOf(name as (typeof OPCODES)[number]);
// Opcode weights for point mutations: what working warriors are made of; no P-space.
const OPCODE_TABLE = OPCODES.map((name) => ({
  MOV: 20, ADD: 8, SUB: 4, MUL: 1, DIV: 1, MOD: 1, JMZ: 4, JMN: 4, DJN: 6, CMP: 2, SLT: 2, SPL: 10, DAT: 8, JMP: 6, SEQ: 2, SNE: 3, NOP: 1, LDP: 0, STP: 0,
})[name]);
const MODE_TABLE = [15, 30, 10, 8, 10, 5, 8, 10]; // # $ @ < > * { }
const MARKER = /^;block (\w+) (\d+)\s*$/;

export function createOfflineGenerator(options: { seed: number; settings: HillSettings }): Generate {
  const { seed, settings } = options;
  const size = settings.coresize;
  const maxLength = Math.min(settings.maxLength, 50);
  const draw = drawer(settings);
  const signed = (v: number): number => {
    const r = ((v % size) + size) % size;
    return r > size / 2 ? r - size : r;
  };
  const active = (blocks: Block[]): Block[] => blocks.filter((b) => b.role !== 'decoy');
  /** The header's lines: a SPL to each running block after the first, and a JMP when the first does not start at its top. */
  const headerLength = (run: Block[]): number => Math.max(0, run.length - 1) + (run.length > 0 && run[0].entry > 0 ? 1 : 0);
  const length = (blocks: Block[]): number => blocks.reduce((sum, b) => sum + b.genes.length, 0) + headerLength(active(blocks));

  const genesOf = (instructions: Instruction[]): Gene[] => instructions.map((i) => ({
    op: i.opcode as number, mod: i.modifier as number, am: i.aMode as number, a: signed(i.aNumber), bm: i.bMode as number, b: signed(i.bNumber),
  }));

  /** A block drawn from one of the role's templates; undefined when it does not fit the hill (a tiny core or max length). */
  function block(role: Exclude<Role, 'code'>, rng: Rng): Block | undefined {
    const c = compile(rng.pick(BLOCKS[role])(rng, draw), settings);
    return c.ok && c.instructions.length <= maxLength ? { role, genes: genesOf(c.instructions), entry: c.warrior.start } : undefined;
  }

  /** Decoys, then the header (a SPL to each further block, a JMP to the first one's entry when needed), then the blocks. */
  function layout(blocks: Block[]): { lines: string[]; start: number } {
    const decoys = blocks.filter((b) => b.role === 'decoy');
    const run = active(blocks);
    const lines: string[] = [];
    const emit = (g: Gene): void => {
      lines.push(`        ${OPCODES[g.op]}.${MODIFIERS[g.mod].padEnd(2)} ${MODES[g.am]}${signed(g.a)}, ${MODES[g.bm]}${signed(g.b)}`);
    };
    for (const d of decoys) {
      lines.push(`;block decoy 0`);
      d.genes.forEach(emit);
    }
    const start = decoys.reduce((s, d) => s + d.genes.length, 0);
    const jump = run.length > 0 && run[0].entry > 0;
    const header = headerLength(run);
    let at = start + header;
    const entries = run.map((b) => { const e = at + b.entry; at += b.genes.length; return e; });
    if (header) lines.push(';header');
    for (let i = 1; i < run.length; i++) emit({ op: op('SPL'), mod: 1, am: 1, a: entries[i] - (start + i - 1), bm: 1, b: 0 });
    if (jump) emit({ op: op('JMP'), mod: 1, am: 1, a: entries[0] - (start + header - 1), bm: 1, b: 0 });
    for (const b of run) {
      lines.push(`;block ${b.role} ${b.entry}`);
      b.genes.forEach(emit);
    }
    return { lines, start };
  }

  function print(blocks: Block[], name: string, strategy: string): string {
    const { lines, start } = layout(blocks);
    return [';redcode-94', `;name ${name}`, ';author drq offline generator', `;strategy ${strategy}`, ...lines, `        end     ${start}`, ''].join('\n');
  }

  /** A parent's blocks: from its markers when it was printed here, else the whole of it as one block. */
  function parse(parent: Parent): Block[] | undefined {
    const c = compile(parent.source, settings);
    if (!c.ok || c.instructions.length === 0) return undefined;
    const genes = genesOf(c.instructions);
    const marked: { role: Role; entry: number; count: number }[] = [];
    let header = false, unmarked = false, headerCount = 0;
    for (const raw of parent.source.split('\n')) {
      const line = raw.trim();
      const m = MARKER.exec(line);
      if (m) { marked.push({ role: m[1] as Role, entry: Number(m[2]), count: 0 }); header = false; continue; }
      if (line === ';header') { header = true; continue; }
      if (line === '' || line.startsWith(';')) continue;
      if (/^end\b/i.test(line)) break;
      if (header) headerCount++;
      else if (marked.length) marked[marked.length - 1].count++;
      else unmarked = true;
    }
    const known = Object.keys(BLOCKS);
    if (!unmarked && marked.length && marked.every((b) => known.includes(b.role) && b.entry < b.count) &&
      marked.reduce((s, b) => s + b.count, headerCount) === genes.length) {
      const decoys = marked.filter((b) => b.role === 'decoy').reduce((s, b) => s + b.count, 0);
      let at = 0;
      return marked.map((b) => {
        const from = at + (at === decoys ? headerCount : 0);
        at = from + b.count;
        return { role: b.role, entry: b.entry, genes: genes.slice(from, at) };
      });
    }
    const start = c.warrior.start;
    return [{ role: 'code', genes: genes.slice(0, maxLength), entry: start < Math.min(genes.length, maxLength) ? start : 0 }];
  }

  function fresh(rng: Rng): { blocks: Block[]; what: string } {
    const [roles] = DESIGNS[rng.weighted(DESIGNS.map(([, w]) => w))];
    let blocks = [...(rng.chance(0.15) ? ['decoy' as const] : []), ...roles].flatMap((r) => block(r, rng) ?? []);
    if (length(blocks) > maxLength) blocks = active(blocks);
    while (blocks.length > 0 && length(blocks) > maxLength) blocks.pop();
    // Nothing of the design fits the hill (a nano core; a block and its header line): the plain imp.
    if (active(blocks).length === 0) blocks = [{ role: 'imp', genes: [{ op: op('MOV'), mod: 6, am: 1, a: 0, bm: 1, b: 1 }], entry: 0 }];
    return { blocks, what: `new ${blocks.map((b) => b.role).join(' + ')}` };
  }

  /** Keeps references to lines on either side of an inserted (+1) or deleted (−1) line pointing at them. */
  function shift(b: Block, at: number, by: 1 | -1): void {
    b.genes.forEach((x, i) => {
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
    if (b.entry >= at && (by > 0 || b.entry > at)) b.entry += by;
  }

  /** A field that points outside its block: a bombing, scanning or copying distance. */
  const steps = (b: Block): [Gene, 'a' | 'b'][] => b.genes.flatMap((g) =>
    (['a', 'b'] as const).filter((f) => Math.abs(g[f]) > b.genes.length + 2).map((f) => [g, f] as [Gene, 'a' | 'b']));

  /**
   * An archetype for a switch: one that none of the warriors in view (parent, mate, the round's
   * best) holds is four times as likely, so that the archive does not fill with one strategy.
   */
  function archetype(rng: Rng, held: Set<Role>): Exclude<Role, 'code'> {
    return ARCHETYPES[rng.weighted(ARCHETYPES.map((r) => (held.has(r) ? 1 : 4)))];
  }

  function mutateOnce(rng: Rng, blocks: Block[], mate: Block[] | undefined, held: Set<Role>): string {
    const run = active(blocks);
    const room = maxLength - length(blocks);
    const pickBlock = (from: Block[]): Block => rng.pick(from);
    switch (rng.weighted([6, 1.5, 2, 1.5, mate ? 3 : 0, 0.5, 0.5, 1.5, 1, 0.5, 1, 3, 0.5, 0.5, 0.5])) {
      case 0: { // change a step to another optima step (or nudge it)
        const candidates = run.filter((b) => b.role !== 'imp').flatMap(steps);
        if (!candidates.length) return 'nothing (no step)';
        const [g, f] = rng.pick(candidates);
        const old = g[f];
        g[f] = rng.chance(0.7) ? Math.sign(old || 1) * draw.step(rng) : signed(old + rng.pick([-1, 1]) * rng.pick([1, 2, 4, 5, 8]));
        return `step ${old} → ${g[f]}`;
      }
      case 1: { // add a decoy (or drop one)
        const decoy = blocks.findIndex((b) => b.role === 'decoy');
        if (decoy >= 0 && rng.chance(0.4)) { blocks.splice(decoy, 1); return 'dropped a decoy'; }
        const d = block('decoy', rng);
        if (!d || d.genes.length > room) return 'nothing (full)';
        blocks.unshift(d);
        return `a decoy of ${d.genes.length} lines`;
      }
      case 2: { // swap the imp launcher, or add one
        const imp = blocks.findIndex((b) => b.role === 'imp');
        const fresh = block('imp', rng);
        const freed = imp >= 0 ? blocks[imp].genes.length : 0;
        if (!fresh || fresh.genes.length > room + freed) return 'nothing (full)';
        if (imp >= 0) blocks[imp] = fresh; else blocks.push(fresh);
        return imp >= 0 ? 'swapped the imp launcher' : 'added an imp launcher';
      }
      case 3: { // redraw a block from its template
        const i = blocks.indexOf(pickBlock(run.length ? run : blocks));
        if (blocks[i].role === 'code') return 'nothing (no template)';
        const fresh = block(blocks[i].role as Exclude<Role, 'code'>, rng);
        if (!fresh || fresh.genes.length > room + blocks[i].genes.length) return 'nothing (full)';
        blocks[i] = fresh;
        return `redrew the ${fresh.role}`;
      }
      case 4: { // crossover: a block of the mate's in place of one of ours (of the same role when there is one), or added
        const theirs = active(mate!);
        if (!theirs.length) return 'nothing (mate has no block)';
        const given = structuredClone(pickBlock(theirs));
        const same = blocks.findIndex((b) => b.role === given.role);
        const at = same >= 0 ? same : rng.chance(0.5) && run.length ? blocks.indexOf(pickBlock(run)) : -1;
        const freed = at >= 0 ? blocks[at].genes.length : 0;
        if (given.genes.length > room + freed) return 'nothing (full)';
        if (at >= 0) blocks[at] = given; else blocks.push(given);
        return `crossover: the mate's ${given.role} block ${at >= 0 ? 'replaces ours' : 'added'}`;
      }
      case 5: { // drop a block
        if (run.length < 2) return 'nothing (one block)';
        const b = pickBlock(run);
        blocks.splice(blocks.indexOf(b), 1);
        return `dropped the ${b.role}`;
      }
      case 6: { // another block runs first
        if (run.length < 2) return 'nothing (one block)';
        const b = pickBlock(run.slice(1));
        blocks.splice(blocks.indexOf(b), 1);
        blocks.splice(blocks.indexOf(run[0]), 0, b);
        return `the ${b.role} runs first`;
      }
      case 7: { // another archetype in place of the main block (a quickscan is put in front instead)
        const role = archetype(rng, held);
        const fresh = block(role, rng);
        const main = blocks.findIndex((b) => b.role !== 'decoy' && b.role !== 'imp' && b.role !== 'qscan');
        const at = role === 'qscan' ? -1 : main;
        const freed = at >= 0 ? blocks[at].genes.length : 0;
        if (!fresh || fresh.genes.length > room + freed) return 'nothing (full)';
        if (at >= 0) blocks[at] = fresh; else blocks.splice(run.length ? blocks.indexOf(run[0]) : blocks.length, 0, fresh);
        return `switched to a ${role}`;
      }
    }
    // Point mutations inside one block.
    const b = pickBlock(blocks);
    const at = rng.int(b.genes.length);
    const x = b.genes[at];
    switch (rng.weighted([1, 0.5, 1, 3, 0.5, 0.5, 0.5])) {
      case 0: x.op = rng.weighted(OPCODE_TABLE); return `opcode of ${b.role} line ${at + 1}`;
      case 1: x.mod = rng.int(MODIFIERS.length); return `modifier of ${b.role} line ${at + 1}`;
      case 2:
        if (rng.chance(0.5)) x.am = rng.weighted(MODE_TABLE); else x.bm = rng.weighted(MODE_TABLE);
        return `a mode on ${b.role} line ${at + 1}`;
      case 3: {
        const d = rng.chance(0.7) ? rng.pick([-1, 1]) : rng.between(-16, 16);
        if (rng.chance(0.5)) x.a = signed(x.a + d); else x.b = signed(x.b + d);
        return `a constant on ${b.role} line ${at + 1} by ${d}`;
      }
      case 4:
        if (room < 1) return 'nothing (full)';
        shift(b, at, 1);
        b.genes.splice(at, 0, { ...rng.pick(b.genes) });
        return `a copied line at ${b.role} line ${at + 1}`;
      case 5:
        if (b.genes.length <= 1) return 'nothing (one line)';
        b.genes.splice(at, 1);
        shift(b, at, -1);
        if (b.entry >= b.genes.length) b.entry = 0;
        return `deleted ${b.role} line ${at + 1}`;
      default:
        b.entry = rng.int(b.genes.length);
        return `the ${b.role} starts at line ${b.entry + 1}`;
    }
  }

  return async (request, { round, slot }) => {
    const rng = rngFor(seed, 'offline', round, slot);
    const name = `offline r${round} s${slot}`;
    const parent = request.kind === 'mutate' ? parse(request.parent) : undefined;
    let source: string;
    if (request.kind === 'mutate' && parent) {
      const mate = parse(request.mate);
      const held = new Set([parent, mate ?? [], parse(request.best) ?? []].flat().map((b) => b.role));
      const done = Array.from({ length: 1 + rng.int(2) }, () => {
        const before = structuredClone(parent);
        const what = mutateOnce(rng, parent, mate, held);
        if (length(parent) <= maxLength) return what;
        parent.splice(0, parent.length, ...before); // a header line more than there was room for
        return 'nothing (full)';
      });
      source = print(parent, name, `mutated ${request.parent.id}: ${done.join('; ')}`);
    } else {
      const { blocks, what } = fresh(rng);
      source = print(blocks, name, what);
    }
    return { ok: true, reply: source, source, usage: null };
  };
}
