// pMARS's tokenizer (token.c), on byte strings: every character is one byte (latin1), so
// C's <ctype.h> in the "C" locale is exactly these ASCII tests.

export const enum Token { NONE, ADDR, FSEP, COMM, MODF, EXPR, WSPC, CHAR, NUMB, APND, MISC }

export const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
export const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isIdentStart = (c: string): boolean => isAlpha(c) || c === '_';

const ADDR_SYMBOLS = '#$@<>*{}';
// With the ICWS'94 modes `*` is a mode symbol, so it is not listed as an operator here.
const EXPR_SYMBOLS = '()/+-%!=';

/** ASCII-only upper-casing, as C's toupper in the "C" locale. */
export const toUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

export function skipSpace(s: string, i: number): number {
  while (isSpace(s[i])) i++;
  return i;
}

/** Reads one token of `s` from `pos`; returns its type, text and the position after it. */
export function getToken(s: string, pos: number): { type: Token; text: string; next: number } {
  let src = skipSpace(s, pos);
  const start = src;
  const ch = s[src];
  let type: Token;
  if (ch === undefined) return { type: Token.NONE, text: '', next: src };
  if (isDigit(ch)) {
    while (isDigit(s[src])) src++;
    type = Token.NUMB;
  } else if (isIdentStart(ch)) {
    while (src < s.length && (isIdentStart(s[src]) || isDigit(s[src]))) src++;
    type = Token.CHAR;
  } else {
    if (EXPR_SYMBOLS.includes(ch)) type = Token.EXPR;
    else if (ADDR_SYMBOLS.includes(ch)) type = Token.ADDR;
    else if (ch === '&') {
      if (s[src + 1] === '&') {
        src++;
        type = Token.EXPR;
      } else type = Token.APND;
    } else if (ch === ';') type = Token.COMM;
    else if (ch === ',') type = Token.FSEP;
    else if (ch === '.') type = Token.MODF;
    else if (ch === '|' && s[src + 1] === '|') {
      src++;
      type = Token.EXPR;
    } else type = Token.MISC;
    src++;
  }
  return { type, text: s.slice(start, src), next: src };
}
