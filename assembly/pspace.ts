// P-space (pMARS EXT94; not in the ICWS'94 draft): pspaceSize cells per warrior, persisting
// across the rounds of one battle. Cell 0 is each warrior's private "last result"
// (coresize-1 before round 1); cells 1.. are shared by warriors with the same PIN.
// Indices are taken mod pspaceSize; `%` is fine here, LDP/STP are rare.
import { PSPACE, ST_PSPACE, ST_RESULT, WARRIOR_IN, WARRIOR_IN_STRIDE } from "./layout";
import { blockPtr } from "./queue";
import { coreSize, pspaceSize, warriors } from "./settings";

const UNSHARED: i32 = -1;
const PIN_APPEARED: i32 = -2;

/**
 * Fresh P-space for a new battle, shared as pmars.c:pspace_init() shares it. Its quirk is
 * kept: a PIN also captures any later warrior without PIN whose (zero) PIN number matches.
 */
export function resetPSpace(): void {
  let next: i32 = 0;
  // Reuse the ST_PSPACE slot as the tag during assignment, then turn it into an address.
  for (let i: u32 = 0; i < warriors; i++) {
    const pinned = load<i32>(WARRIOR_IN + <usize>i * WARRIOR_IN_STRIDE, 8);
    store<i32>(blockPtr(i), pinned ? PIN_APPEARED : UNSHARED, ST_PSPACE);
  }
  for (let i: u32 = 0; i < warriors; i++) {
    const st = blockPtr(i);
    const t = load<i32>(st, ST_PSPACE);
    if (t == UNSHARED) {
      store<i32>(st, next++, ST_PSPACE);
    } else if (t == PIN_APPEARED) {
      const pin = pinOf(i);
      store<i32>(st, next, ST_PSPACE);
      for (let j = i + 1; j < warriors; j++) {
        if (pinOf(j) == pin) store<i32>(blockPtr(j), next, ST_PSPACE);
      }
      next++;
    }
  }
  for (let i: u32 = 0; i < warriors; i++) {
    const st = blockPtr(i);
    const block = PSPACE + <usize>load<i32>(st, ST_PSPACE) * <usize>pspaceSize * 4;
    store<u32>(st, <u32>block, ST_PSPACE);
    store<u32>(st, coreSize - 1, ST_RESULT);
  }
  memory.fill(PSPACE, 0, <usize>warriors * <usize>pspaceSize * 4);
}

/** A warrior's PIN number; warriors without PIN read as 0, like pMARS's zeroed field. */
function pinOf(w: u32): i32 {
  const p = WARRIOR_IN + <usize>w * WARRIOR_IN_STRIDE;
  return load<i32>(p, 8) ? load<i32>(p, 12) : 0;
}

// @ts-ignore: decorator
@inline
export function pspaceGet(st: usize, index: u32): u32 {
  const i = index % pspaceSize;
  return i ? load<u32>(<usize>load<u32>(st, ST_PSPACE) + (<usize>i << 2)) : load<u32>(st, ST_RESULT);
}

// @ts-ignore: decorator
@inline
export function pspaceSet(st: usize, index: u32, value: u32): void {
  const i = index % pspaceSize;
  if (i) store<u32>(<usize>load<u32>(st, ST_PSPACE) + (<usize>i << 2), value);
  else store<u32>(st, value, ST_RESULT);
}
