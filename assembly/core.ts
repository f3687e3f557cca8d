// Core cells and wrap-around arithmetic (ICWS'94 draft §4.1: all address arithmetic is
// modulo coresize). A cell is 8 bytes at CORE + address*8:
//   +0 u32 opword (see insn.ts) and its fast-path tag in bits 16-23   +4 u16 A-number   +6 u16 B-number
// so one i64 load fetches a whole instruction. Numbers are always kept in 0..coresize-1,
// which lets a sum wrap by one compare-and-subtract instead of `%`.
import { EMPTY_OPWORD, fastPath } from "./insn";
import { CORE } from "./layout";

export const CELL_A: usize = 4;
export const CELL_B: usize = 6;
export const CELL_TAG: usize = 2; // the fast-path tag byte (insn.ts)

// @ts-ignore: decorator
@inline
export function cellPtr(core: usize, address: u32): usize {
  return core + (<usize>address << 3);
}

// @ts-ignore: decorator
@inline
export function addMod(a: u32, b: u32, size: u32): u32 {
  const c = a + b;
  return c >= size ? c - size : c;
}

// @ts-ignore: decorator
@inline
export function subMod(a: u32, b: u32, size: u32): u32 {
  return a >= b ? a - b : a + size - b;
}

// @ts-ignore: decorator
@inline
export function packCell(op: u32, a: u32, b: u32): u64 {
  return <u64>(op | (fastPath(op) << 16)) | (<u64>a << 32) | (<u64>b << 48);
}

/** The A-number of a whole cell (as one i64 load fetched it). */
// @ts-ignore: decorator
@inline
export function cellA(cell: u64): u32 {
  return <u32>(cell >> 32) & 0xFFFF;
}

/** The B-number of a whole cell. */
// @ts-ignore: decorator
@inline
export function cellB(cell: u64): u32 {
  return <u32>(cell >> 48);
}

/** Every cell := DAT.F $0,$0 (the start of each round). */
export function clearCore(size: u32): void {
  const empty = packCell(EMPTY_OPWORD, 0, 0);
  const end = CORE + (<usize>size << 3);
  for (let p = CORE; p < end; p += 8) store<u64>(p, empty);
}
