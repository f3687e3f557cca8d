// pMARS's expression evaluator (eval.c), quirks included: its precedence scheme is not plain
// precedence climbing (`10-2*3-1` is 5), a saved-operator slot carries one operator across
// recursion levels, and values are C `long` (64-bit, wrapping) with overflow only a warning.

import { isAlpha, isDigit, isSpace } from './lexer.js';

export const enum EvalStatus { OK = 0, OVERFLOW = 1, BAD = -1, DIV_ZERO = -2 }

// Two-character operators get the small codes pMARS gives them; EQUAL is 0, which makes it
// indistinguishable from "no saved operator" (a real pMARS quirk, kept).
const EQUAL = 0, NEQU = 1, GTE = 2, LTE = 3, AND = 4, OR = 5, IDENT = 6;
const code = (c: string): number => c.charCodeAt(0);
const PLUS = code('+'), MINUS = code('-'), TIMES = code('*'), DIVIDE = code('/'), MODULO = code('%');
const LESS = code('<'), GREATER = code('>');

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

function precedence(op: number): number {
  if (op === TIMES || op === DIVIDE || op === MODULO) return 5;
  if (op === PLUS || op === MINUS) return 4;
  if (op === GREATER || op === LESS || op === EQUAL || op === NEQU || op === GTE || op === LTE) return 3;
  if (op === AND) return 2;
  if (op === OR) return 1;
  return 0;
}

/**
 * The 26 registers `a`..`z` live as long as one warrior's assembly, like pMARS's `regAr`
 * (pMARS sets W and S to the number of warriors before the first warrior only).
 */
export class Evaluator {
  readonly registers: bigint[] = new Array<bigint>(26).fill(0n);
  private status = EvalStatus.OK;
  private saveOper = 0;
  private s = '';

  /** Evaluates `expr`; the value is meaningful when status >= OK. */
  evaluate(expr: string): { status: EvalStatus; value: bigint } {
    this.s = expr;
    this.status = EvalStatus.OK;
    const [end, value] = this.eval(-1, 0n, IDENT, 0);
    if (end < expr.length) this.status = EvalStatus.BAD;
    return { status: this.status, value };
  }

  private terminal(pos: number): boolean {
    return pos >= this.s.length || this.s[pos] === ')';
  }

  private skip(pos: number): number {
    while (isSpace(this.s[pos])) pos++;
    return pos;
  }

  private calc(x: bigint, y: bigint, op: number): bigint {
    switch (op) {
      case PLUS:
        if (this.status === EvalStatus.OK && (x > 0n ? y > 0n && x > LONG_MAX - y : y < 0n && x < LONG_MIN - y))
          this.status = EvalStatus.OVERFLOW;
        return wrap(x + y);
      case MINUS:
        if (this.status === EvalStatus.OK && (x > 0n ? y < 0n && x > LONG_MAX + y : y > 0n && x < LONG_MIN + y))
          this.status = EvalStatus.OVERFLOW;
        return wrap(x - y);
      case DIVIDE:
        if (y === 0n) {
          this.status = EvalStatus.DIV_ZERO;
          return 0n;
        }
        return wrap(x / y);
      case TIMES:
        if (this.status === EvalStatus.OK && x !== 0n && y !== 0n && x !== -1n && y !== -1n &&
          ((x > 0n) === (y > 0n) ? LONG_MAX / y / x === 0n : LONG_MIN / y / x === 0n))
          this.status = EvalStatus.OVERFLOW;
        return wrap(x * y);
      case MODULO:
        if (y === 0n) {
          this.status = EvalStatus.DIV_ZERO;
          return 0n;
        }
        return x % y;
      case AND: return x !== 0n && y !== 0n ? 1n : 0n;
      case OR: return x !== 0n || y !== 0n ? 1n : 0n;
      case EQUAL: return x === y ? 1n : 0n;
      case NEQU: return x !== y ? 1n : 0n;
      case LESS: return x < y ? 1n : 0n;
      case GREATER: return x > y ? 1n : 0n;
      case LTE: return x <= y ? 1n : 0n;
      case GTE: return x >= y ? 1n : 0n;
      case IDENT: return y;
      default:
        this.status = EvalStatus.BAD;
        return 0n;
    }
  }

  /** Reads an operator. pMARS consumes two characters for `&`, `|`, `=`, `!` even when the
   *  second does not complete the operator, and then leaves the operator unset; the
   *  reference binary behaves as if it were EQUAL (0) there. */
  private getop(pos: number): [number, number] {
    const ch = this.s[pos++];
    switch (ch) {
      case '&': return [pos + 1, this.s[pos] === '&' ? AND : EQUAL];
      case '|': return [pos + 1, this.s[pos] === '|' ? OR : EQUAL];
      case '=': return [pos + 1, EQUAL];
      case '!': return [pos + 1, this.s[pos] === '=' ? NEQU : EQUAL];
      case '<':
        if (this.s[pos] === '=') return [pos + 1, LTE];
        return [pos, LESS];
      case '>':
        if (this.s[pos] === '=') return [pos + 1, GTE];
        return [pos, GREATER];
      default:
        return [pos, code(ch)];
    }
  }

  private getval(pos: number): [number, bigint] {
    pos = this.skip(pos);
    const ch = this.s[pos];
    if (ch === '(') {
      const [end, v] = this.eval(-1, 0n, IDENT, pos + 1);
      if (this.s[end] !== ')') this.status = EvalStatus.BAD;
      return [end + 1, v];
    }
    if (ch === '-') {
      const [end, v] = this.getval(pos + 1);
      return [end, wrap(-v)];
    }
    if (ch === '!') {
      const [end, v] = this.getval(pos + 1);
      return [end, v === 0n ? 1n : 0n];
    }
    if (ch === '+') return this.getval(pos + 1);
    if (isAlpha(ch)) return this.getreg(pos + 1, (code(ch) & ~32) - 65);
    const start = pos;
    while (isDigit(this.s[pos])) pos++;
    if (pos === start) {
      this.status = EvalStatus.BAD;
      return [pos, 0n];
    }
    // sscanf("%ld") saturates at LONG_MAX.
    const v = BigInt(this.s.slice(start, pos));
    return [pos, v > LONG_MAX ? LONG_MAX : v];
  }

  private getreg(pos: number, reg: number): [number, bigint] {
    pos = this.skip(pos);
    if (this.s[pos] === '=' && this.s[pos + 1] !== '=') {
      const [end, v] = this.eval(-1, 0n, IDENT, pos + 1);
      this.registers[reg] = v;
      return [end, v];
    }
    return [pos, this.registers[reg]];
  }

  private eval(prevPrec: number, val1: bigint, oper1: number, pos: number): [number, bigint] {
    let val2: bigint;
    [pos, val2] = this.getval(pos);
    pos = this.skip(pos);
    if (this.terminal(pos)) return [pos, this.calc(val1, val2, oper1)];
    let oper2: number;
    [pos, oper2] = this.getop(pos);
    this.saveOper = 0;
    const prec1 = precedence(oper1);
    const prec2 = precedence(oper2);
    if (prec1 >= prec2) {
      if (prec2 >= prevPrec || prec1 <= prevPrec) return this.eval(prec1, this.calc(val1, val2, oper1), oper2, pos);
      this.saveOper = oper2;
      return [pos, this.calc(val1, val2, oper1)];
    }
    let result2: bigint;
    [pos, result2] = this.eval(prec1, val2, oper2, pos);
    let result = this.calc(val1, result2, oper1);
    if (this.saveOper && precedence(this.saveOper) >= prevPrec) {
      [pos, result] = this.eval(prec2, result, this.saveOper, pos);
      this.saveOper = 0;
    }
    return [pos, result];
  }
}
