// fast-check generators of Redcode source: well-formed programs that use the whole language
// (every opcode, modifier and mode, labels, EQU, FOR/ROF, expressions, directives) and
// damaged ones (token and character mutations), for property and differential tests.
// Numbers stay small: pMARS normalises a field by repeated subtraction, so a huge value
// makes the reference take hours.

import fc from 'fast-check';
import { MODES, MODIFIERS, OPCODES } from '../../src/redcode/index.js';

const LABELS = ['start', 'loop', 'bomb', 'ptr', 'Step', 'x1', 'top', '_gate', 'a', 'z9'];
const CONSTANTS = ['CORESIZE', 'MAXPROCESSES', 'MAXCYCLES', 'MAXLENGTH', 'MINDISTANCE', 'WARRIORS', 'ROUNDS', 'PSPACESIZE', 'VERSION', 'CURLINE'];
const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||'];

const word = (w: string): fc.Arbitrary<string> => fc.constantFrom(w, w.toLowerCase(), w[0] + w.slice(1).toLowerCase());

/** An expression; `names` are symbols that may appear (labels, EQU names, FOR counters). */
export function expression(names: string[], depth = 2): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 120 }).map(String) },
    { weight: 2, arbitrary: names.length ? fc.constantFrom(...names) : fc.constant('1') },
    { weight: 1, arbitrary: fc.constantFrom(...CONSTANTS) },
    { weight: 1, arbitrary: fc.constantFrom('a', 'b', 'W', 's') },
  );
  if (depth === 0) return leaf;
  const sub = expression(names, depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 3, arbitrary: fc.tuple(sub, fc.constantFrom(...BINARY), sub, fc.constantFrom('', ' ')).map(([l, op, r, sp]) => `${l}${sp}${op}${sp}${r}`) },
    { weight: 1, arbitrary: sub.map((e) => `(${e})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('-', '+', '!'), leaf).map(([u, e]) => `${u}${e}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'c', 'x'), leaf).map(([r, e]) => `(${r}=${e})`) },
  );
}

const operand = (names: string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.oneof(fc.constant(''), fc.constantFrom(...MODES.split(''))), expression(names)).map(([m, e]) => m + e);

export function instruction(names: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...OPCODES).chain(word),
      fc.option(fc.constantFrom(...MODIFIERS).chain(word), { freq: 2 }),
      operand(names),
      fc.option(operand(names), { freq: 5 }),
      fc.constantFrom(' ', '\t', '  '),
    )
    .map(([op, mod, a, b, sp]) => `${op}${mod ? '.' + mod : ''}${sp}${a}${b !== null ? ', ' + b : ''}`);
}

const labelPrefix = fc
  .array(fc.constantFrom(...LABELS), { maxLength: 2 })
  .chain((ls) => fc.constantFrom(':', '', ' ').map((colon) => ls.map((l) => l + colon + ' ').join('')));

/** A body line inside a program: instructions mostly, with the rest of the language mixed in. */
function line(names: string[], depth: number): fc.Arbitrary<string> {
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 12, arbitrary: fc.tuple(labelPrefix, instruction(names)).map(([l, i]) => l + i) },
    { weight: 1, arbitrary: fc.constantFrom(...LABELS).map((l) => l + ':') },
    { weight: 1, arbitrary: fc.constantFrom('; a comment', ';name Gen', ';author drq', ';trace', ';trace off', ';break', ';debug', ';date today') },
    { weight: 1, arbitrary: expression(names).map((e) => `;assert ${e}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('k1', 'STEP', 'gap', 'b2'), expression(names, 1)).map(([n, e]) => `${n} EQU ${e}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('ORG', 'org', 'END', 'PIN'), expression(names, 1)).map(([p, e]) => `${p} ${e}`) },
  ];
  if (depth > 0) {
    const counter = depth === 2 ? 'i' : 'j';
    options.push({
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('', 'blk '), fc.integer({ min: 0, max: 4 }), fc.array(line([...names, counter, `lab&${counter}`], depth - 1), { minLength: 1, maxLength: 3 }))
        .map(([pre, n, body]) => [`${pre}${counter} FOR ${n}`, ...body, 'ROF'].join('\n')),
    });
  }
  return fc.oneof(...options);
}

/** A whole, mostly valid program. */
export const program: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(';redcode-94\n', '', ';redcode\n;name x\n'),
    fc.constantFrom(';name Generated\n;author Fuzz\n', ';name  spaced name  \n', ''),
    fc.constantFrom(';assert 1\n', ';assert CORESIZE == 8000\n', ''),
    fc.array(line([...LABELS, 'k1', 'STEP'], 2), { minLength: 0, maxLength: 14 }),
    fc.constantFrom('', 'end', 'END start', 'end 1'),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([head, meta, assert, body, end, eol]) => (head + meta + assert + [...body, end].join('\n') + '\n').replace(/\n/g, eol));

/** A mutation of a text: characters or tokens deleted, duplicated, swapped or inserted. */
export function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const junk = fc.constantFrom(',', '.', '#', '$', '@', '<', '>', '*', '{', '}', ':', ';', '&', '|', '=', '!', '(', ')', ' ', '\n', '\\\n', 'x', 'EQU', 'FOR', 'ROF', 'DAT', '.AB', '\t', '9', 'CURLINE', '\r');
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.nat({ max: 3 }), junk);
  return fc.tuple(text, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([t, edits]) => {
    let s = t;
    for (const [at, len, kind, insert] of edits) {
      const i = s.length ? at % s.length : 0;
      if (kind === 0) s = s.slice(0, i) + s.slice(i + len);
      else if (kind === 1) s = s.slice(0, i) + s.slice(i, i + len) + s.slice(i);
      else if (kind === 2) s = s.slice(0, i) + insert + s.slice(i);
      else s = s.slice(0, i) + s.slice(i + len, i + 2 * len) + s.slice(i, i + len) + s.slice(i + 2 * len);
    }
    return s;
  });
}
