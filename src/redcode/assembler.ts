// The Redcode assembler: a faithful port of pMARS 0.9.2's asm.c, because "accepts exactly what
// pMARS accepts and loads exactly what pMARS loads" is only reachable by doing what pMARS does,
// pass for pass:
//   read    source bytes → logical lines (255-byte chunks, `\` joins, `;` directives);
//   expand  (pass 1, `trav2`) labels, EQU text substitution, FOR/ROF, CURLINE, ;assert;
//   encode  (pass 2, `automaton`) opcode, modifier, modes and expressions of every line.
// Deliberate differences, all on inputs where pMARS hangs or reads out of bounds: FOR expansion
// is bounded, numbers wider than a C long saturate, and normalising a huge value is O(1).

import { Evaluator, EvalStatus } from './expression.js';
import { type Instruction, Modifier, Mode, Opcode } from './instruction.js';
import { getToken, isAlpha, isSpace, Token, toUpper } from './lexer.js';

export interface AssemblerSettings {
  coreSize: number;
  maxProcesses: number;
  maxCycles: number;
  maxLength: number;
  minDistance: number;
  pSpaceSize: number;
  /** Number of warriors in the battle (the WARRIORS constant). */
  warriors: number;
  /** The ROUNDS constant (`pmars -r 0` assembles with 0). */
  rounds: number;
  /** ICWS'88 mode (`-8`). */
  icws88: boolean;
  /** pMARS presets registers W and S to the number of warriors for the first warrior only. */
  firstWarrior: boolean;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** 1-based physical line of the source; 0 when the message concerns the whole warrior. */
  line: number;
  /** 1-based column; 0 with line 0. */
  column: number;
  message: string;
  /** How many times pMARS reports it (a line inside FOR/ROF or EQU can repeat a message). */
  count: number;
}

export interface Warrior {
  name: string;
  author: string;
  date: string;
  version: string;
  instructions: Instruction[];
  /** Start offset from ORG/END (may lie outside the program: pMARS only warns). */
  start: number;
  /** P-space identifier from PIN, or null when the warrior has none. */
  pin: number | null;
}

export type AssembleResult =
  | { ok: true; warrior: Warrior; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

// pMARS's opcode table: the 19 opcodes, then the pseudo-opcodes.
const OPNAME = [
  'MOV', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'JMZ', 'JMN', 'DJN', 'CMP', 'SLT', 'SPL', 'DAT', 'JMP',
  'SEQ', 'SNE', 'NOP', 'LDP', 'STP', 'ORG', 'END', 'PIN',
];
const OPNUM = 19;
const ORGOP = 19, ENDOP = 20, PINOP = 21, EQUOP = 22;
const MODNAME = ['A', 'B', 'AB', 'BA', 'F', 'X', 'I'];
const MODNUM = 7;
const SWITCHES = ['DEBUG', 'TRACE', 'BREAK', 'ASSERT'];
const ADDR_SYMBOLS = '#$@<>*{}';

const MAXALLCHAR = 256; // pMARS's line and substitution buffer size, terminator included
const MAXINSTR = 1000;
const GRPMAX = 7;
const ERRMAX = 9;
// Our own bounds where pMARS would loop for ever or exhaust memory.
const MAX_EXPANDED_LINES = 65535;
const MAX_FOR_STEPS = 5_000_000;

// trav2's declaration states.
const SERR = -1, SNIL = 0, SLBL = 1, SVAL = 2, SCOM = 3, SPSE = 4, SFOR = 5, SROF = 6;

const enum State { OP, MOD_ADDR_EXP, MODF, ADDR_EXP_A, EXP_FS, ADDR_EXP_B, EXPR }
const enum RefType { TEXT, STACK, LABEL }

interface Source {
  text: string;
  /** pMARS's logical line number (what its messages call "line"). */
  loc: number;
  /** 1-based physical line where the logical line starts. */
  physical: number;
}

interface Line {
  vline: string;
  dbginfo: boolean;
  src: Source;
  next: Line | null;
}

interface Ref {
  names: string[];
  type: RefType;
  value: number;
  visit: boolean;
  /** EQU text lines (type TEXT). */
  sline: Line | null;
}

/** A message that makes pMARS stop assembling at once (it calls exit()). */
class Abort {
  constructor(readonly reason: string) {}
}

interface Cell {
  opcode: number;
  aMode: number;
  bMode: number;
}

/**
 * pMARS's static line buffer `buf`: the reader, the tokenizer and the expander all write C
 * strings into it, and one path reads it without a terminator of its own (see trav2), so its
 * stale bytes are part of pMARS's behaviour.
 */
class Scratch {
  private readonly bytes = new Uint8Array(MAXALLCHAR);

  /** strcpy at `at`: the text, then a terminator. */
  put(at: number, text: string): void {
    for (let i = 0; i < text.length && at + i < MAXALLCHAR; i++) this.bytes[at + i] = text.charCodeAt(i);
    if (at + text.length < MAXALLCHAR) this.bytes[at + text.length] = 0;
  }

  /** Copies characters from `at` on, terminating them only when `terminate` says so. */
  copyRun(at: number, text: string, terminate: boolean): void {
    if (terminate) this.put(at, text);
    else for (let i = 0; i < text.length && at + i < MAXALLCHAR; i++) this.bytes[at + i] = text.charCodeAt(i);
  }

  /** The C string at the start of the buffer. */
  text(): string {
    let s = '';
    for (let i = 0; i < MAXALLCHAR && this.bytes[i] !== 0; i++) s += String.fromCharCode(this.bytes[i]);
    return s;
  }
}

class List {
  head: Line | null = null;
  tail: Line | null = null;
  add(line: Line): void {
    if (this.tail) this.tail = this.tail.next = line;
    else this.head = this.tail = line;
  }
}

const concatFits = (a: string, b: string): boolean => a.length + b.length < MAXALLCHAR;

function normalize(value: bigint, coreSize: number): number {
  const m = value % BigInt(coreSize);
  return Number(m < 0n ? m + BigInt(coreSize) : m);
}

class Assembler {
  private readonly evaluator = new Evaluator();
  private readonly scratch = new Scratch();
  private readonly diagnostics: Diagnostic[] = [];
  private errnum = 0;
  private messages = 0; // every errprn call, as pMARS's errorcode tells dfashell
  private errkeep: { code: string; loc: number; diagnostic: Diagnostic }[] = [];
  private noassert = true;

  private refs: Ref[] = []; // newest last; pMARS's reftbl is newest first
  private symtbl: string[] = []; // pending labels, newest last

  private dbginfo = 0;
  private dbgproceed = true;
  private line = 0;
  private vcont = true;
  private statefine = 0;
  private out = new List();
  private aline: Line | null = null;
  private expandedLines = 0;
  private forSteps = 0;

  // automaton state (pass 2)
  private opcode = 0;
  private modifier = 0;
  private laststate = State.OP;
  private aExpr = '';
  private bExpr = '';

  private name = 'Unknown';
  private author = 'Anonymous';
  private date = '';
  private version = '';
  private offset = 0;
  private pin: number | null = null;

  constructor(private readonly settings: AssemblerSettings) {
    if (settings.firstWarrior) {
      this.evaluator.registers['W'.charCodeAt(0) - 65] = BigInt(settings.warriors);
      this.evaluator.registers['S'.charCodeAt(0) - 65] = BigInt(settings.warriors);
    }
    const predefined: [string, number][] = [
      ['CORESIZE', settings.coreSize],
      ['MAXPROCESSES', settings.maxProcesses],
      ['MAXCYCLES', settings.maxCycles],
      ['MAXLENGTH', settings.maxLength],
      ['MINDISTANCE', settings.minDistance],
      ['VERSION', 92],
      ['WARRIORS', settings.warriors],
      ['ROUNDS', settings.rounds],
      ['PSPACESIZE', settings.pSpaceSize],
    ];
    const none: Source = { text: '', loc: 0, physical: 0 };
    for (const [name, value] of predefined) {
      this.refs.push({
        names: [name], type: RefType.TEXT, value: 0, visit: false,
        sline: { vline: String(value), dbginfo: false, src: none, next: null },
      });
    }
  }

  run(source: string): AssembleResult {
    let instructions: Instruction[] = [];
    try {
      const lines = this.read(source);
      this.expand(lines);
      if (this.symtbl.length) {
        this.errprn('DLBERR', null, `Discarding these labels: '${[...this.symtbl].reverse().join(' ')}'`, 'warning');
        this.symtbl = [];
      }
      if (this.noassert)
        this.errprn('NASERR', null, "Missing ';assert'. Warrior may not work with the current setting", 'warning');
      instructions = this.encode();
    } catch (e) {
      if (!(e instanceof Abort)) throw e;
      this.diagnostics.push({ severity: 'error', line: 0, column: 0, message: e.reason, count: 1 });
      this.errnum++;
    }
    const warnings = this.diagnostics.filter((d) => d.severity === 'warning');
    if (this.errnum) return { ok: false, errors: this.diagnostics.filter((d) => d.severity === 'error'), warnings };
    return {
      ok: true,
      warnings,
      warrior: {
        name: this.name, author: this.author, date: this.date, version: this.version,
        instructions, start: this.offset, pin: this.pin,
      },
    };
  }

  // ---- diagnostics ----------------------------------------------------------------------

  /**
   * pMARS's errprn. It also counts distinct (line, message kind) pairs and gives up at 9, so a
   * message pMARS gives without a line is counted without one even when `shownAt` names a
   * line for the user.
   */
  private errprn(code: string, aline: Line | null, message: string, severity: 'error' | 'warning' = 'error',
    near = '', shownAt: Line | null = aline): void {
    this.messages++;
    if (severity === 'error') this.errnum++;
    const kept = aline && this.errkeep.find((k) => k.loc === aline.src.loc && k.code === code);
    if (kept) kept.diagnostic.count++;
    else {
      let diagnostic: Diagnostic = { severity, line: 0, column: 0, message, count: 1 };
      if (shownAt) {
        const text = shownAt.src.text;
        // pMARS keeps no columns: point at the last occurrence of the token it names (the
        // misplaced one is usually the later of two), else at the line's first word.
        let col = near ? text.lastIndexOf(near) : -1;
        if (col < 0) col = text.length - text.trimStart().length;
        diagnostic = { ...diagnostic, line: shownAt.src.physical, column: col + 1 };
      }
      this.diagnostics.push(diagnostic);
      if (aline) this.errkeep.push({ code, loc: aline.src.loc, diagnostic });
    }
    if (this.errkeep.length >= ERRMAX) throw new Abort('Too many errors or warnings. Program aborted.');
  }

  // ---- reading (pMARS `assemble`) -------------------------------------------------------

  private read(source: string): List {
    const lines = new List();
    let pos = 0;
    let physical = 1;
    let loc = 0;
    let pstart = 0;
    for (let cont = true; cont;) {
      let buf = '';
      this.scratch.put(0, '');
      const startPhysical = physical;
      let conLine: boolean;
      do {
        conLine = false;
        if (pos >= source.length) {
          // pMARS loops for ever on a trailing `\` at end of file; we just stop.
          cont = false;
          break;
        }
        // fgets: at most MAXALLCHAR-1-len bytes, up to and including a newline.
        const room = MAXALLCHAR - 1 - buf.length;
        let end = pos;
        while (end < source.length && end - pos < room) {
          if (source[end++] === '\n') {
            physical++;
            break;
          }
        }
        const chunk = source.slice(pos, end);
        pos = end;
        this.scratch.put(buf.length, chunk);
        const cut = chunk.search(/[\n\r\0]/);
        buf += cut < 0 ? chunk : chunk.slice(0, cut);
        this.scratch.put(buf.length, '');
        if (buf.endsWith('\\')) {
          conLine = true;
          buf = buf.slice(0, -1);
          this.scratch.put(buf.length, '');
        }
      } while (conLine);
      loc++;
      const first = getToken(buf, 0);
      if (first.type === Token.COMM) {
        if (this.globalswitch(buf, first.next, { text: buf, loc, physical: startPhysical }, lines)) {
          if (pstart === 0) {
            lines.head = lines.tail = null;
            pstart = 1;
          } else cont = false;
        }
      } else if (first.type !== Token.NONE) {
        const text = noComment(buf);
        this.scratch.put(text.length, '');
        lines.add({ vline: text, dbginfo: false, src: { text, loc, physical: startPhysical }, next: null });
      }
    }
    return lines;
  }

  /** A line whose first token is `;`. Returns true for `;redcode`. */
  private globalswitch(str: string, idx: number, src: Source, lines: List): boolean {
    const tok = getToken(str, idx);
    const word = toUpper(tok.text);
    if (word === 'REDCODE' && tok.next === idx + 7) return true;
    let i = tok.next;
    while (isSpace(str[i])) i++;
    const rest = str.slice(i);
    if (word === 'NAME') this.name = rest === '' ? 'Unknown' : rest;
    else if (word === 'AUTHOR') this.author = rest === '' ? 'Anonymous' : rest;
    else if (word === 'DATE') this.date = rest;
    else if (word === 'VERSION') this.version = rest;
    else if (SWITCHES.includes(word)) {
      const text = str.slice(0, i) + noComment(rest);
      this.scratch.put(text.length, '');
      lines.add({ vline: text, dbginfo: false, src: { ...src, text }, next: null });
    }
    return false;
  }

  // ---- pass 1: expansion (pMARS `expand`, `trav2`, `blkfor`, `equtbl`, `equsub`) --------

  private expand(lines: List): void {
    this.aline = lines.head;
    while (this.aline && this.vcont) {
      const dest = { s: '' };
      switch (this.trav2(this.aline.vline, dest, SNIL)) {
        case SCOM:
          this.emit(dest.s, this.aline.src);
          break;
        case SROF:
          this.errprn('FORERR', this.aline, 'Unopened FOR');
      }
      this.aline = this.aline.next;
    }
  }

  private emit(text: string, src: Source): void {
    if (++this.expandedLines > MAX_EXPANDED_LINES)
      throw new Abort(`Lines generated by the source exceed the limit ${MAXINSTR}`);
    this.out.add({ vline: text, dbginfo: this.dbginfo !== 0, src, next: null });
    if (this.dbginfo === 3) this.dbginfo = 0;
  }

  private lookup(name: string): Ref | null {
    for (let i = this.refs.length - 1; i >= 0; i--) if (this.refs[i].names.includes(name)) return this.refs[i];
    return null;
  }

  private defineLabels(type: RefType, names: string[], value: number): Ref {
    const ref: Ref = { names, type, value, visit: false, sline: null };
    this.refs.push(ref);
    return ref;
  }

  /** Appends `text` to dest within pMARS's buffer size; false (and an error) when it does not fit. */
  private append(dest: { s: string }, text: string): boolean {
    if (!concatFits(dest.s, text)) return false;
    dest.s += text;
    return true;
  }

  private trav2(buffer: string, dest: { s: string }, wdecl: number): number {
    const t = getToken(buffer, 0);
    let idxp = t.next;
    let token = t.text;
    switch (t.type) {
      case Token.NONE:
        return wdecl;

      case Token.COMM:
        if (wdecl === SNIL && this.statefine === 0) {
          const word = getToken(buffer, idxp);
          if (toUpper(word.text) === 'ASSERT') {
            this.trav2(buffer.slice(word.next), dest, SVAL);
            const { status, value } = this.evaluator.evaluate(dest.s);
            if (status < EvalStatus.OK) this.errprn('BASERR', this.aline, "Invalid ';assert' parameter", 'warning');
            else {
              if (status === EvalStatus.OVERFLOW) this.errprn('OFLERR', this.aline, 'Arithmetic overflow detected', 'warning');
              this.noassert = false;
              if (value === 0n) this.errprn('CHKERR', this.aline, 'Assertion in this line fails');
            }
          } else this.lineswitch(buffer, idxp);
        }
        return wdecl;

      case Token.CHAR: {
        const upper = toUpper(token);
        this.scratch.put(0, upper);
        if (upper === 'ROF') {
          if (this.statefine) this.statefine--;
          else if (wdecl <= SLBL) return SROF;
          else this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
        } else if (upper === 'FOR') {
          if (this.statefine) this.statefine++;
          else if (wdecl <= SLBL) return this.blkfor(buffer.slice(idxp), dest);
          else this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
        } else if (token === 'CURLINE') {
          if (this.statefine) return SNIL;
          if (wdecl > SLBL) {
            const text = String(this.line) + (isSpace(buffer[idxp]) ? ' ' : '');
            this.scratch.put(0, text);
            if (this.append(dest, text)) return this.trav2(buffer.slice(idxp), dest, wdecl);
            this.errprn('BUFERR', this.aline, 'Buffer overflow. Substitution is too complex');
          } else this.errprn('MISC', this.aline, 'CURLINE is a reserved keyword', 'error', token);
        } else if (upper === 'EQU') {
          if (this.statefine) return SNIL;
          if (wdecl <= SLBL) return this.equtbl(buffer.slice(idxp));
          this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
        } else if (OPNAME.includes(upper)) {
          const op = OPNAME.indexOf(upper);
          if (this.statefine) return SNIL;
          if (wdecl <= SLBL) {
            // The opcode's whole non-blank run (e.g. `MOV.AB`) is copied as it stands, into
            // pMARS's scratch buffer: at the end of a line nothing terminates the copy, so
            // what an earlier, longer text left in that buffer comes along (a pMARS bug, kept).
            const from = idxp;
            while (idxp < buffer.length && !isSpace(buffer[idxp])) idxp++;
            this.scratch.copyRun(upper.length, buffer.slice(from, idxp) + (isSpace(buffer[idxp]) ? ' ' : ''), isSpace(buffer[idxp]));
            const run = this.scratch.text();
            if (!this.append(dest, run)) {
              this.errprn('BUFERR', this.aline, 'Buffer overflow. Substitution is too complex');
              return SERR;
            }
            if (this.trav2(buffer.slice(idxp), dest, op < OPNUM ? SVAL : SPSE) === SERR) return SERR;
            if (this.symtbl.length) {
              this.defineLabels(RefType.LABEL, this.symtbl, this.line);
              this.symtbl = [];
            }
            if (op < OPNUM) {
              this.line++;
              if (this.dbginfo === 2) this.dbginfo++;
            } else if (op === ENDOP) this.vcont = false;
            return SCOM;
          }
          this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
        } else if (this.statefine === 0) {
          // `name&counter`: pastes FOR counters as two digits; stops after the first failure
          // (having consumed one more token, as pMARS does).
          let ok = true;
          while (buffer[idxp] === '&' && isAlpha(buffer[idxp + 1])) {
            const part = getToken(buffer, idxp + 1);
            idxp = part.next;
            this.scratch.put(0, part.text);
            if (part.type !== Token.CHAR || !ok) break;
            const tbl = this.lookup(part.text);
            if (tbl && tbl.type === RefType.STACK) {
              const digits = twoDigits(tbl.value);
              this.scratch.put(0, digits);
              if (concatFits(token, digits)) token += digits;
              else this.errprn('BUFERR', this.aline, 'Buffer overflow. Substitution is too complex');
            } else {
              this.errprn('CATERR', this.aline, `Unable to derefer and concatenate symbol '${part.text}'`, 'error', part.text);
              ok = false;
            }
          }
          const tbl = this.lookup(token);
          if (tbl) {
            if (tbl.type === RefType.TEXT) {
              if (tbl.visit) this.errprn('RECERR', this.aline, `Recursive reference of label '${token}'`, 'error', token);
              else return this.equsub(buffer.slice(idxp), dest, wdecl, tbl);
            } else if (wdecl > SLBL) {
              let text: string;
              if (tbl.type === RefType.STACK) text = twoDigits(tbl.value);
              else if (wdecl === SPSE) text = String(tbl.value);
              else text = String(tbl.value - this.line);
              if (isSpace(buffer[idxp])) text += ' ';
              this.scratch.put(0, text);
              if (this.append(dest, text)) return this.trav2(buffer.slice(idxp), dest, wdecl);
              this.errprn('BUFERR', this.aline, 'Buffer overflow. Substitution is too complex');
            } else this.errprn('IDNERR', this.aline, `Ignored, redefinition of label '${token}'`, 'warning', token);
          } else if (wdecl <= SLBL) {
            if (this.symtbl.length < GRPMAX) this.symtbl.push(token);
            else this.errprn('GRPERR', this.aline, `Too many labels for a declaration (last: '${token}')`, 'error', token);
            if (buffer[idxp] === ':') idxp++;
            return this.trav2(buffer.slice(idxp), dest, SLBL);
          } else {
            if (isSpace(buffer[idxp])) token += ' ';
            if (this.append(dest, token)) return this.trav2(buffer.slice(idxp), dest, wdecl);
            this.errprn('BUFERR', this.aline, 'Buffer overflow. Substitution is too complex');
          }
        } else return this.trav2(buffer.slice(idxp), dest, SNIL);
        break;
      }

      default:
        if (this.statefine) return SNIL;
        if (wdecl <= SLBL)
          this.errprn('TOKERR', this.aline, `Unrecognized or improper placement of token: '${token}'`, 'error', token);
        else if (this.append(dest, token)) return this.trav2(buffer.slice(idxp), dest, wdecl);
        else this.errprn('BUFERR', this.aline, 'Buffer overflow. Substitution is too complex');
    }
    return SERR;
  }

  /** `;debug`, `;trace`, `;break`: only the instruction flags matter here (the listing's `T`). */
  private lineswitch(str: string, idx: number): void {
    const w = getToken(str, idx);
    const word = toUpper(w.text);
    const arg = getToken(str, w.next);
    const argWord = toUpper(arg.text);
    const extra = (): void =>
      this.errprn('IGNORE', this.aline, `Ignored, extra tokens in line '${str}'`, 'warning', arg.text);
    if (word === 'DEBUG') {
      this.dbgproceed = argWord !== 'OFF';
      if (this.dbgproceed && argWord !== 'STATIC' && argWord) extra();
    } else if (word === 'TRACE') {
      if (this.dbgproceed) {
        this.dbginfo = argWord !== 'OFF' ? 1 : 0;
        if (this.dbginfo && argWord) extra();
      }
    } else if (word === 'BREAK') {
      if (this.dbgproceed) {
        this.dbginfo = 2;
        if (argWord) extra();
      }
    }
  }

  private blkfor(expr: string, dest: { s: string }): number {
    let counterNames: string[] = [];
    if (this.symtbl.length) {
      // The last label before FOR is the counter; the others are ordinary labels.
      counterNames = [this.symtbl[this.symtbl.length - 1]];
      if (this.symtbl.length > 1) this.defineLabels(RefType.LABEL, this.symtbl.slice(0, -1), this.line);
      this.symtbl = [];
    }
    dest.s = '';
    this.trav2(expr, dest, SVAL);
    const { status, value } = this.evaluator.evaluate(dest.s);
    if (status < EvalStatus.OK) {
      if (status === EvalStatus.DIV_ZERO) this.errprn('DIVERR', this.aline, 'Division by zero');
      else this.errprn('EVLERR', this.aline, 'Bad expression');
      return SFOR;
    }
    if (status === EvalStatus.OVERFLOW) this.errprn('OFLERR', this.aline, 'Arithmetic overflow detected', 'warning');
    if (value <= 0n) {
      this.statefine++;
      return SFOR;
    }
    const count = Number(BigInt.asUintN(16, value)); // pMARS compares against an unsigned short
    const counter = this.defineLabels(RefType.STACK, counterNames, 1);
    counter.visit = true;
    const cline = this.aline;
    for (counter.value = 1; this.vcont && counter.value <= count && this.aline; counter.value = (counter.value + 1) & 0xffff) {
      for (this.aline = cline; this.vcont;) {
        if (++this.forSteps > MAX_FOR_STEPS) throw new Abort('FOR/ROF expansion is too large');
        const next: Line | null = this.aline!.next;
        if (next) {
          this.aline = next;
          dest.s = '';
          const r = this.trav2(next.vline, dest, SNIL);
          if (r === SROF) break;
          if (r === SCOM) this.emit(dest.s, next.src);
        } else {
          this.errprn('ROFERR', null, 'Unclosed ROF', 'warning');
          this.vcont = false;
        }
      }
    }
    // Drop the newest counter (inner loops have dropped theirs already).
    for (let i = this.refs.length - 1; i >= 0; i--) {
      if (this.refs[i].type === RefType.STACK) {
        this.refs.splice(i, 1);
        break;
      }
    }
    return SFOR;
  }

  private equtbl(expr: string): number {
    if (!this.symtbl.length) {
      this.errprn('ANNERR', this.aline, 'Attempting to append a string to an undefined label', 'warning');
      return SVAL;
    }
    const ref = this.defineLabels(RefType.TEXT, this.symtbl, 0);
    this.symtbl = [];
    const cur = this.aline!;
    let last: Line = { vline: expr, dbginfo: false, src: cur.src, next: null };
    ref.sline = last;
    // Following lines that start with EQU continue the text; directive lines in between are read.
    while (this.aline!.next) {
      const nextLine: Line = this.aline!.next;
      const t = getToken(nextLine.vline, 0);
      if (toUpper(t.text) === 'EQU') {
        this.aline = nextLine;
        last = last.next = { vline: nextLine.vline.slice(t.next), dbginfo: false, src: nextLine.src, next: null };
      } else if (t.text === ';') {
        this.aline = nextLine;
        this.lineswitch(nextLine.vline, t.next);
      } else break;
    }
    return SVAL;
  }

  private equsub(expr: string, dest: { s: string }, wdecl: number, tbl: Ref): number {
    tbl.visit = true;
    const cline = this.aline;
    this.aline = tbl.sline!;
    wdecl = this.trav2(this.aline.vline, dest, wdecl);
    while (this.aline.next && this.vcont) {
      if (this.statefine === 0 && wdecl === SCOM) this.emit(dest.s, this.aline.src);
      this.aline = this.aline.next;
      dest.s = '';
      wdecl = this.trav2(this.aline.vline, dest, SNIL);
    }
    this.aline = cline;
    if (isSpace(expr[0]) && concatFits(dest.s, ' ')) dest.s += ' ';
    tbl.visit = false;
    return this.trav2(expr, dest, wdecl);
  }

  // ---- pass 2: parsing and loading (pMARS `encode`, `dfashell`, `automaton`) ------------

  private encode(): Instruction[] {
    const count = this.line;
    const instructions: Instruction[] = [];
    if (count > MAXINSTR) {
      this.errprn('EXXERR', null, `Lines generated by the source exceed the limit ${MAXINSTR}`);
      return instructions;
    }
    if (count > this.settings.maxLength) {
      this.errprn('LINERR', null, `Too many instructions (about ${count - this.settings.maxLength} more)`, 'error', '',
        this.lineOfInstruction(this.settings.maxLength));
    }
    if (count === 0) {
      this.errprn('ZLNERR', null, 'No instructions', 'warning');
      return instructions;
    }
    this.line = 0;
    for (let aline = this.out.head; aline; aline = aline.next) {
      this.aline = aline;
      const cell: Cell = { opcode: 0, aMode: Mode.DIRECT, bMode: Mode.DIRECT };
      this.dfashell(aline.vline, cell);
      if (this.errnum !== 0) continue;
      if (this.aExpr === '') this.aExpr = '0';
      if (this.bExpr === '') this.bExpr = '0';
      if (this.opcode === ENDOP || this.opcode === ORGOP || this.opcode === PINOP) {
        const b = this.evaluate(this.bExpr, aline);
        if (b === null) continue;
        if ((this.opcode === ORGOP || this.opcode === PINOP) && this.settings.icws88)
          this.errprn('M88ERR', aline, `Bad '88 format at token '${OPNAME[this.opcode]}'`);
        if (this.opcode === ORGOP) this.offset = normalize(b, this.settings.coreSize);
        else if (this.opcode === PINOP) this.pin = Number(b);
        else if (b !== 0n) {
          if (this.offset) this.errprn('DOEERR', aline, 'Both opcodes ORG and END are used. Ignoring END', 'warning');
          else this.offset = normalize(b, this.settings.coreSize);
        }
      } else {
        const a = this.evaluate(this.aExpr, aline, false);
        if (a === null) continue;
        const b = this.evaluate(this.bExpr, aline, false);
        if (b === null) continue;
        if (a.overflow || b.overflow) this.errprn('OFLERR', aline, 'Arithmetic overflow detected', 'warning');
        instructions.push({
          opcode: (cell.opcode >> 3) as Opcode,
          modifier: (cell.opcode & 7) as Modifier,
          aMode: cell.aMode as Mode,
          aNumber: normalize(a.value, this.settings.coreSize),
          bMode: cell.bMode as Mode,
          bNumber: normalize(b.value, this.settings.coreSize),
          traced: aline.dbginfo,
        });
        this.line++;
      }
    }
    if (this.offset < 0 || this.offset >= count)
      this.errprn('OFSERR', null, 'Execution starts from outside of the program', 'warning');
    return instructions;
  }

  private lineOfInstruction(index: number): Line | null {
    let aline = this.out.head;
    for (let i = 0; aline && i < index; i++) aline = aline.next;
    return aline;
  }

  /** Evaluates an operand; reports errors. With `warnOverflow` false the caller reports it. */
  private evaluate(expr: string, aline: Line): bigint | null;
  private evaluate(expr: string, aline: Line, warnOverflow: false): { value: bigint; overflow: boolean } | null;
  private evaluate(expr: string, aline: Line, warnOverflow = true): bigint | { value: bigint; overflow: boolean } | null {
    const { status, value } = this.evaluator.evaluate(expr);
    if (status === EvalStatus.DIV_ZERO) this.errprn('DIVERR', aline, 'Division by zero');
    else if (status === EvalStatus.BAD) this.errprn('EVLERR', aline, 'Bad expression');
    if (status < EvalStatus.OK) return null;
    if (!warnOverflow) return { value, overflow: status === EvalStatus.OVERFLOW };
    if (status === EvalStatus.OVERFLOW) this.errprn('OFLERR', aline, 'Arithmetic overflow detected', 'warning');
    return value;
  }

  private dfashell(expr: string, cell: Cell): void {
    this.modifier = MODNUM;
    this.aExpr = this.bExpr = '';
    const messagesBefore = this.messages;
    this.automaton(expr, State.OP, cell);
    if (this.opcode >= OPNUM) return;
    const aline = this.aline;
    if (this.statefine === 0 && this.messages === messagesBefore) {
      this.errprn('SYNERR', aline, 'Syntax error');
    } else if (this.bExpr === '') {
      switch (this.opcode) {
        case Opcode.DAT:
          cell.bMode = cell.aMode;
          this.bExpr = this.aExpr;
          cell.aMode = Mode.IMMEDIATE;
          this.aExpr = '0';
          break;
        case Opcode.SPL:
        case Opcode.JMP:
        case Opcode.NOP:
          cell.bMode = Mode.DIRECT;
          this.bExpr = '0';
          break;
        default:
          this.errprn('NOPERR', aline, `Incomplete operand at instruction '${OPNAME[this.opcode]}'`);
      }
    }
    if (this.settings.icws88) this.check88(cell);
    if (this.modifier === MODNUM) this.modifier = defaultModifier(this.opcode, cell.aMode, cell.bMode);
    cell.opcode = (this.opcode << 3) + this.modifier;
  }

  private check88(cell: Cell): void {
    const aline = this.aline;
    const op = this.opcode;
    const name = OPNAME[op];
    const bad = (format: string): void => this.errprn('F88ERR', aline, `Invalid '88 format. Proper format: '${format}'`);
    if (op === Opcode.DAT) {
      const ok = (m: number): boolean => m === Mode.IMMEDIATE || m === Mode.B_PREDEC;
      if (!ok(cell.aMode) || !ok(cell.bMode)) bad('DAT [#<] [#<]');
    } else if (op === Opcode.MOV || op === Opcode.ADD || op === Opcode.SUB || op === Opcode.CMP) {
      if (cell.bMode === Mode.IMMEDIATE) bad(`${name} [#$@<] [$@<]`);
    } else if (op === Opcode.JMP || op === Opcode.JMZ || op === Opcode.JMN || op === Opcode.DJN || op === Opcode.SPL) {
      if (cell.aMode === Mode.IMMEDIATE) bad(`${name} [$@<] [#$@<]`);
    } else if (op !== Opcode.SLT) {
      this.errprn('M88ERR', aline, `Bad '88 format at token '${name}'`);
    }
    if (this.modifier !== MODNUM) this.errprn('M88ERR', aline, "Bad '88 format at token '.'");
    if (cell.aMode === Mode.B_POSTINC || cell.bMode === Mode.B_POSTINC) this.errprn('M88ERR', aline, "Bad '88 format at token '>'");
  }

  private setMode(symbol: string, which: 'aMode' | 'bMode', cell: Cell): void {
    const mode = ADDR_SYMBOLS.indexOf(symbol);
    if (mode > Mode.B_POSTINC && this.settings.icws88) this.errprn('M88ERR', this.aline, "Bad '88 format at token '[*{}]'", 'error', symbol);
    cell[which] = mode;
  }

  /**
   * A label or EQU name met in pass 2 (a forward reference, or text pass 1 left alone):
   * EQU text is parsed in place, a label becomes its offset. Returns false when `token` is
   * not a known name.
   */
  private substitute(token: string, rest: string, state: State, cell: Cell, next: State | null): boolean {
    const atbl = this.lookup(token);
    if (!atbl) return false;
    if (atbl.visit) {
      this.errprn('RECERR', this.aline, `Recursive reference of label '${token}'`, 'error', token);
      return true;
    }
    let text: string;
    if (atbl.type === RefType.TEXT) text = atbl.sline!.vline;
    else text = String(state === State.EXPR && this.opcode >= OPNUM ? atbl.value : atbl.value - this.line);
    atbl.visit = true;
    this.automaton(text, state, cell);
    atbl.visit = false;
    this.automaton(rest, next ?? this.laststate, cell);
    return true;
  }

  private automaton(expr: string, state: State, cell: Cell): void {
    this.laststate = state;
    const t = getToken(expr, 0);
    const rest = expr.slice(t.next);
    const token = t.text;
    switch (state) {
      case State.OP:
        this.statefine = 0;
        if (t.type === Token.CHAR) {
          this.opcode = OPNAME.indexOf(toUpper(token));
          if (this.opcode < 0) this.opcode = EQUOP;
          if (this.opcode < OPNUM) this.automaton(rest, State.MOD_ADDR_EXP, cell);
          else if (this.opcode < EQUOP) this.automaton(rest, State.EXPR, cell);
          else throw new Abort(`Internal assembler error at '${token}'`);
        } else this.errprn('EXPERR', this.aline, "Missing 'opcode'");
        return;

      case State.MOD_ADDR_EXP:
      case State.ADDR_EXP_A:
      case State.ADDR_EXP_B: {
        this.statefine = 0;
        const after = state === State.ADDR_EXP_B ? State.EXPR : State.EXP_FS;
        switch (t.type) {
          case Token.MODF:
            if (state === State.MOD_ADDR_EXP) this.automaton(rest, State.MODF, cell);
            else this.errprn('EXPERR', this.aline, `Missing '${state === State.ADDR_EXP_A ? 'A-term' : 'B-term'}'`);
            return;
          case Token.ADDR:
            this.setMode(token, state === State.ADDR_EXP_B ? 'bMode' : 'aMode', cell);
            this.automaton(rest, after, cell);
            return;
          case Token.NUMB:
          case Token.EXPR:
            this.automaton(expr, after, cell);
            return;
          case Token.CHAR:
            if (this.substitute(token, rest, state, cell, null)) return;
            if (token.length === 1) this.automaton(expr, after, cell);
            else this.errprn('SNFERR', this.aline, `Undefined label or symbol: '${token}'`, 'error', token);
            return;
          case Token.NONE:
            return;
          default:
            if (state === State.MOD_ADDR_EXP) this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
            else this.errprn('EXPERR', this.aline, `Missing '${state === State.ADDR_EXP_A ? 'A-term' : 'B-term'}'`);
            return;
        }
      }

      case State.MODF:
        this.statefine = 0;
        if (t.type === Token.CHAR) {
          this.modifier = MODNAME.indexOf(toUpper(token));
          if (this.modifier >= 0) this.automaton(rest, State.ADDR_EXP_A, cell);
          else {
            this.modifier = MODNUM;
            this.errprn('EXPERR', this.aline, "Missing 'modifier'");
          }
        } else if (t.type !== Token.NONE) this.errprn('EXPERR', this.aline, "Missing 'modifier'");
        return;

      case State.EXP_FS:
      case State.EXPR: {
        const field = state === State.EXP_FS ? 'aExpr' : 'bExpr';
        const add = (text: string): void => {
          if (concatFits(this[field], text)) this[field] += text;
          else this.errprn('BUFERR', this.aline, 'Buffer overflow. Substitution is too complex');
        };
        switch (t.type) {
          case Token.FSEP:
            if (state === State.EXP_FS) this.automaton(rest, State.ADDR_EXP_B, cell);
            else this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
            return;
          case Token.ADDR:
            if (token !== '>' && token !== '<' && token !== '*') {
              this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
              return;
            }
            add(token);
            this.statefine = 1;
            this.automaton(rest, state, cell);
            return;
          case Token.NUMB:
          case Token.EXPR:
            add(t.type === Token.NUMB ? token + ' ' : token);
            this.statefine = 1;
            this.automaton(rest, state, cell);
            return;
          case Token.CHAR:
            if (this.substitute(token, rest, state, cell, state === State.EXPR ? State.EXPR : null)) return;
            if (token.length === 1) {
              add(token); // a register a..z
              this.statefine = 1;
              this.automaton(rest, state, cell);
            } else this.errprn('SNFERR', this.aline, `Undefined label or symbol: '${token}'`, 'error', token);
            return;
          case Token.NONE:
            return;
          default:
            this.errprn('APPERR', this.aline, `Improper placement of '${token}'`, 'error', token);
        }
      }
    }
  }
}

function defaultModifier(opcode: number, aMode: number, bMode: number): Modifier {
  switch (opcode) {
    case Opcode.DAT:
    case Opcode.NOP:
      return Modifier.F;
    case Opcode.MOV:
    case Opcode.CMP:
    case Opcode.SEQ:
    case Opcode.SNE:
      return aMode === Mode.IMMEDIATE ? Modifier.AB : bMode === Mode.IMMEDIATE ? Modifier.B : Modifier.I;
    case Opcode.ADD:
    case Opcode.SUB:
    case Opcode.MUL:
    case Opcode.DIV:
    case Opcode.MOD:
      return aMode === Mode.IMMEDIATE ? Modifier.AB : bMode === Mode.IMMEDIATE ? Modifier.B : Modifier.F;
    case Opcode.SLT:
    case Opcode.LDP:
    case Opcode.STP:
      return aMode === Mode.IMMEDIATE ? Modifier.AB : Modifier.B;
    default:
      return Modifier.B;
  }
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** Cuts a line at its first `;`. */
function noComment(s: string): string {
  const i = s.indexOf(';');
  return i < 0 ? s : s.slice(0, i);
}

/**
 * Assembles one warrior from its source, given as a byte string (one character per byte,
 * as `Buffer.toString('latin1')` gives). Never throws on any input.
 */
export function assembleSource(source: string, settings: AssemblerSettings): AssembleResult {
  return new Assembler(settings).run(source);
}
