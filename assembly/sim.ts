// The simulator: one round's setup, the hot loop run(), and the round's outcome and counters
// (ICWS'94 draft §5.3-5.6 as pMARS 0.9.2's sim.c:simulator1 executes it, quirks included).
//
// Registers are named as in the draft's example interpreter. pMARS has no read/write
// limits, so the draft's WPA equals RPA and RPB equals WPB; we keep RPA and WPB. The
// "in-register" copies are iraA/iraB (A- and B-number of the cell RPA points at, taken
// when the A operand is evaluated) and irbA/irbB (same for WPB); instructions compute on
// these copies, never on core read back later, exactly as pMARS does.
import { CELL_A, CELL_B, CELL_TAG, addMod, cellA, cellB, cellPtr, clearCore, packCell, subMod } from "./core";
import {
  FAST_ADD_AB_ID, FAST_ADD_F_DD, FAST_DAT, FAST_DAT_PP, FAST_DJN_B_DD, FAST_DJN_B_DI, FAST_DJN_B_DP, FAST_JMP_DN, FAST_JMP_DP,
  FAST_JMN_B_DD, FAST_JMP_DS, FAST_JMZ_B_DD, FAST_MOV_AB_ID, FAST_MOV_I_ANN, FAST_MOV_I_ID, FAST_MOV_I_APP, FAST_MOV_I_DAN, FAST_MOV_I_DAP,
  FAST_MOV_I_DD, FAST_MOV_I_DI, FAST_MOV_I_DN, FAST_MOV_I_DP, FAST_MOV_I_PP, FAST_SPL_DP, FAST_SPL_DS,
  FAST_SPL_IS, FAST_MOV_I_BP, FAST_SUB_AB_ID, FAST_JMZ_B_DB, FAST_JMZ_B_BD, FAST_SPL_BS, FAST_JMP_BS, FAST_SEQ_I_DD,
  FAST_SEQ_I_DB, FAST_SEQ_I_PP, FAST_DAT_PS, FAST_JMZ_B_DP, OPWORD_MASK,
  MODE_A_INDIRECT, MODE_B_POSTINC, MODE_B_PREDEC, MODE_DIRECT, MODE_IMMEDIATE,
  MOD_A, MOD_AB, MOD_B, MOD_BA, MOD_F, MOD_I, MOD_X,
  OP_ADD, OP_CMP, OP_DAT, OP_DIV, OP_DJN, OP_JMN, OP_JMP, OP_JMZ, OP_LDP, OP_MOD, OP_MOV,
  OP_MUL, OP_NOP, OP_SEQ, OP_SLT, OP_SNE, OP_SPL, OP_STP, OP_SUB,
} from "./insn";
import {
  CORE, COVER, IMAGES, POSITIONS, RESULTS, RING, RING_MASK, ST_COVERED, ST_DEATH, ST_FRONT, ST_HEAD, ST_NEXT,
  ST_RESULT, ST_SPAWNED, ST_TAIL, WARRIOR_IN, WARRIOR_IN_STRIDE, ensure,
} from "./layout";
import { initSeed, placeRound } from "./placement";
import { pspaceGet, pspaceSet, resetPSpace } from "./pspace";
import { blockPtr, queueLength, resetRing, warriorOf } from "./queue";
import { ERR_MEMORY, coreSize, cycles, maxLength, maxProcesses, warriors } from "./settings";
import { TRACING, traceEvent, traceReserve, traceStart } from "./trace";

export const RUNNING: i32 = 0;
export const ROUND_OVER: i32 = 1;

// Dispatch keys: opcode*8 + modifier = opword >> 6.
const MOV_A = (OP_MOV << 3) | MOD_A; const MOV_B = (OP_MOV << 3) | MOD_B;
const MOV_AB = (OP_MOV << 3) | MOD_AB; const MOV_BA = (OP_MOV << 3) | MOD_BA;
const MOV_F = (OP_MOV << 3) | MOD_F; const MOV_X = (OP_MOV << 3) | MOD_X;
const MOV_I = (OP_MOV << 3) | MOD_I;
const ADD_A = (OP_ADD << 3) | MOD_A; const ADD_B = (OP_ADD << 3) | MOD_B;
const ADD_AB = (OP_ADD << 3) | MOD_AB; const ADD_BA = (OP_ADD << 3) | MOD_BA;
const ADD_F = (OP_ADD << 3) | MOD_F; const ADD_X = (OP_ADD << 3) | MOD_X;
const ADD_I = (OP_ADD << 3) | MOD_I;
const SUB_A = (OP_SUB << 3) | MOD_A; const SUB_B = (OP_SUB << 3) | MOD_B;
const SUB_AB = (OP_SUB << 3) | MOD_AB; const SUB_BA = (OP_SUB << 3) | MOD_BA;
const SUB_F = (OP_SUB << 3) | MOD_F; const SUB_X = (OP_SUB << 3) | MOD_X;
const SUB_I = (OP_SUB << 3) | MOD_I;
const MUL_A = (OP_MUL << 3) | MOD_A; const MUL_B = (OP_MUL << 3) | MOD_B;
const MUL_AB = (OP_MUL << 3) | MOD_AB; const MUL_BA = (OP_MUL << 3) | MOD_BA;
const MUL_F = (OP_MUL << 3) | MOD_F; const MUL_X = (OP_MUL << 3) | MOD_X;
const MUL_I = (OP_MUL << 3) | MOD_I;
const DIV_A = (OP_DIV << 3) | MOD_A; const DIV_B = (OP_DIV << 3) | MOD_B;
const DIV_AB = (OP_DIV << 3) | MOD_AB; const DIV_BA = (OP_DIV << 3) | MOD_BA;
const DIV_F = (OP_DIV << 3) | MOD_F; const DIV_X = (OP_DIV << 3) | MOD_X;
const DIV_I = (OP_DIV << 3) | MOD_I;
const MOD_A_ = (OP_MOD << 3) | MOD_A; const MOD_B_ = (OP_MOD << 3) | MOD_B;
const MOD_AB_ = (OP_MOD << 3) | MOD_AB; const MOD_BA_ = (OP_MOD << 3) | MOD_BA;
const MOD_F_ = (OP_MOD << 3) | MOD_F; const MOD_X_ = (OP_MOD << 3) | MOD_X;
const MOD_I_ = (OP_MOD << 3) | MOD_I;
const JMZ_A = (OP_JMZ << 3) | MOD_A; const JMZ_B = (OP_JMZ << 3) | MOD_B;
const JMZ_AB = (OP_JMZ << 3) | MOD_AB; const JMZ_BA = (OP_JMZ << 3) | MOD_BA;
const JMZ_F = (OP_JMZ << 3) | MOD_F; const JMZ_X = (OP_JMZ << 3) | MOD_X;
const JMZ_I = (OP_JMZ << 3) | MOD_I;
const JMN_A = (OP_JMN << 3) | MOD_A; const JMN_B = (OP_JMN << 3) | MOD_B;
const JMN_AB = (OP_JMN << 3) | MOD_AB; const JMN_BA = (OP_JMN << 3) | MOD_BA;
const JMN_F = (OP_JMN << 3) | MOD_F; const JMN_X = (OP_JMN << 3) | MOD_X;
const JMN_I = (OP_JMN << 3) | MOD_I;
const DJN_A = (OP_DJN << 3) | MOD_A; const DJN_B = (OP_DJN << 3) | MOD_B;
const DJN_AB = (OP_DJN << 3) | MOD_AB; const DJN_BA = (OP_DJN << 3) | MOD_BA;
const DJN_F = (OP_DJN << 3) | MOD_F; const DJN_X = (OP_DJN << 3) | MOD_X;
const DJN_I = (OP_DJN << 3) | MOD_I;
const CMP_A = (OP_CMP << 3) | MOD_A; const CMP_B = (OP_CMP << 3) | MOD_B;
const CMP_AB = (OP_CMP << 3) | MOD_AB; const CMP_BA = (OP_CMP << 3) | MOD_BA;
const CMP_F = (OP_CMP << 3) | MOD_F; const CMP_X = (OP_CMP << 3) | MOD_X;
const CMP_I = (OP_CMP << 3) | MOD_I;
const SEQ_A = (OP_SEQ << 3) | MOD_A; const SEQ_B = (OP_SEQ << 3) | MOD_B;
const SEQ_AB = (OP_SEQ << 3) | MOD_AB; const SEQ_BA = (OP_SEQ << 3) | MOD_BA;
const SEQ_F = (OP_SEQ << 3) | MOD_F; const SEQ_X = (OP_SEQ << 3) | MOD_X;
const SEQ_I = (OP_SEQ << 3) | MOD_I;
const SNE_A = (OP_SNE << 3) | MOD_A; const SNE_B = (OP_SNE << 3) | MOD_B;
const SNE_AB = (OP_SNE << 3) | MOD_AB; const SNE_BA = (OP_SNE << 3) | MOD_BA;
const SNE_F = (OP_SNE << 3) | MOD_F; const SNE_X = (OP_SNE << 3) | MOD_X;
const SNE_I = (OP_SNE << 3) | MOD_I;
const SLT_A = (OP_SLT << 3) | MOD_A; const SLT_B = (OP_SLT << 3) | MOD_B;
const SLT_AB = (OP_SLT << 3) | MOD_AB; const SLT_BA = (OP_SLT << 3) | MOD_BA;
const SLT_F = (OP_SLT << 3) | MOD_F; const SLT_X = (OP_SLT << 3) | MOD_X;
const SLT_I = (OP_SLT << 3) | MOD_I;
const SPL_A = (OP_SPL << 3) | MOD_A; const SPL_B = (OP_SPL << 3) | MOD_B;
const SPL_AB = (OP_SPL << 3) | MOD_AB; const SPL_BA = (OP_SPL << 3) | MOD_BA;
const SPL_F = (OP_SPL << 3) | MOD_F; const SPL_X = (OP_SPL << 3) | MOD_X;
const SPL_I = (OP_SPL << 3) | MOD_I;
const DAT_A = (OP_DAT << 3) | MOD_A; const DAT_B = (OP_DAT << 3) | MOD_B;
const DAT_AB = (OP_DAT << 3) | MOD_AB; const DAT_BA = (OP_DAT << 3) | MOD_BA;
const DAT_F = (OP_DAT << 3) | MOD_F; const DAT_X = (OP_DAT << 3) | MOD_X;
const DAT_I = (OP_DAT << 3) | MOD_I;
const JMP_A = (OP_JMP << 3) | MOD_A; const JMP_B = (OP_JMP << 3) | MOD_B;
const JMP_AB = (OP_JMP << 3) | MOD_AB; const JMP_BA = (OP_JMP << 3) | MOD_BA;
const JMP_F = (OP_JMP << 3) | MOD_F; const JMP_X = (OP_JMP << 3) | MOD_X;
const JMP_I = (OP_JMP << 3) | MOD_I;
const NOP_A = (OP_NOP << 3) | MOD_A; const NOP_B = (OP_NOP << 3) | MOD_B;
const NOP_AB = (OP_NOP << 3) | MOD_AB; const NOP_BA = (OP_NOP << 3) | MOD_BA;
const NOP_F = (OP_NOP << 3) | MOD_F; const NOP_X = (OP_NOP << 3) | MOD_X;
const NOP_I = (OP_NOP << 3) | MOD_I;
const LDP_A = (OP_LDP << 3) | MOD_A; const LDP_B = (OP_LDP << 3) | MOD_B;
const LDP_AB = (OP_LDP << 3) | MOD_AB; const LDP_BA = (OP_LDP << 3) | MOD_BA;
const LDP_F = (OP_LDP << 3) | MOD_F; const LDP_X = (OP_LDP << 3) | MOD_X;
const LDP_I = (OP_LDP << 3) | MOD_I;
const STP_A = (OP_STP << 3) | MOD_A; const STP_B = (OP_STP << 3) | MOD_B;
const STP_AB = (OP_STP << 3) | MOD_AB; const STP_BA = (OP_STP << 3) | MOD_BA;
const STP_F = (OP_STP << 3) | MOD_F; const STP_X = (OP_STP << 3) | MOD_X;
const STP_I = (OP_STP << 3) | MOD_I;

// What an instruction leaves for its process, besides a core address to queue.
const QUEUED: u32 = 0xFFFFFFFF; // SPL queued its processes itself
const DIE: u32 = 0xFFFFFFFE; // the process is removed

// Round state between run() calls (a step-wise caller stops and resumes mid-round).
let curW: u32 = 0; // warrior whose turn it is
let startCount: u32 = 0; // warriors × cycles
let countdown: u32 = 0; // pMARS's `cycle`: from startCount, minus one per instruction
let skipped: u32 = 0; // what deaths took off the countdown beyond one per instruction
let stopAt: u32 = 0; // countdown value at which run()'s instruction budget ends
let live: u32 = 0; // warriors with processes
let over: bool = true;
let fullLength: bool = false; // keep a lone survivor running to the cycle limit
let inTail: bool = false; // the outcome is decided; only the lone survivor's tail runs
// A death took the round's last instruction with two or more warriors left: pMARS's `cycle`
// went from 1 to 0 and its `while (--cycle)` then never ends the round; only deaths do
// (sim.c). C wraps likewise, so the round goes on (for at most 2^32 instructions, where pMARS
// would run for ever). A fullLength tail after that has no cycles left to run.
let overtime: bool = false;
let outcomeLive: u32 = 0; // survivors when pMARS ends the round
let outcomeExecuted: u32 = 0; // instructions when pMARS ends the round
let counted: u32 = 0; // warriors, from the first, whose coverage is counted (DRQ reads its candidate's alone)

/**
 * Reset core and queues and load every warrior for a round started by `starter`; coverage is
 * counted for the first `counting` warriors.
 */
export function startRound(starter: u32, keepTail: bool, counting: u32): void {
  const n = warriors;
  const cs = coreSize;
  clearCore(cs);
  counted = counting < n ? counting : n;
  for (let i: u32 = 0; i < n; i++) {
    const st = blockPtr(i);
    if (i < counted) memory.fill(st + COVER, 0, <usize>cs);
    store<u32>(st, <u32>blockPtr(i + 1 == n ? 0 : i + 1), ST_NEXT);
    store<u32>(st, 0, ST_SPAWNED);
    store<u32>(st, 0, ST_DEATH);
  }
  // pMARS copies the warriors in turn order from the starter (matters only if they overlap).
  for (let k: u32 = 0; k < n; k++) {
    let w = starter + k;
    if (w >= n) w -= n;
    const info = WARRIOR_IN + <usize>w * WARRIOR_IN_STRIDE;
    const len = load<u32>(info);
    const pos = load<u32>(POSITIONS + (<usize>w << 2)) % cs;
    let p = IMAGES + <usize>w * <usize>maxLength * 12;
    let at = pos;
    for (let i: u32 = 0; i < len; i++, p += 12) {
      store<u64>(cellPtr(CORE, at), packCell(load<u32>(p), load<u32>(p, 4), load<u32>(p, 8)));
      at = at + 1 == cs ? 0 : at + 1;
    }
    resetRing(w, <u32>((<u64>pos + <u64>load<u32>(info, 4)) % cs));
  }
  curW = starter;
  startCount = n * cycles;
  countdown = startCount;
  skipped = 0;
  live = n;
  over = false;
  fullLength = keepTail;
  inTail = false;
  overtime = false;
}

/**
 * Instructions between two coverPending() calls: what a warrior popped since stays in its ring
 * (65536 addresses) while it queues at most 65536 - COVER_CHUNK, so only battles with such a
 * process limit leave coverage to coverPending() (many8000).
 */
const COVER_CHUNK: u32 = 1 << 15;

/**
 * Execute up to `limit` instructions of the current round; returns ROUND_OVER once the
 * round has ended (pMARS's end, or the lone survivor's tail with fullLength). Coverage is
 * counted after each chunk, from the addresses popped off the rings.
 */
export function run(limit: u32): i32 {
  let status: i32;
  do {
    const chunk = limit < COVER_CHUNK ? limit : COVER_CHUNK;
    status = runChunk(chunk);
    coverPending();
    limit -= chunk;
  } while (status != ROUND_OVER && limit != 0);
  return status;
}

/**
 * Marks in each warrior's coverage bytes the addresses its processes executed since the last
 * call: its ring's entries from ST_COVERED to the head, warrior by warrior. Written a byte per
 * turn in turn order, 21 warriors' coverage bytes (168 KB) missed the cache: DRQ's own melee, its
 * imps writing one address after the next, runs 1.13-1.17× faster this way (bench/results.md).
 */
function coverPending(): void {
  for (let w: u32 = 0; w < counted; w++) {
    const st = blockPtr(w);
    const head = load<u32>(st, ST_HEAD);
    for (let i = load<u32>(st, ST_COVERED); i != head; i++) store<u8>(st + <usize>ringFront(st, i), 1, COVER);
    store<u32>(st, head, ST_COVERED);
  }
}

/** After manyAny(), which marks coverage as it goes: nothing is pending. */
function coveredToHead(): void {
  for (let w: u32 = 0; w < counted; w++) {
    const st = blockPtr(w);
    store<u32>(st, load<u32>(st, ST_HEAD), ST_COVERED);
  }
}

function runChunk(limit: u32): i32 {
  if (over) return ROUND_OVER;
  if (limit == 0) return RUNNING;
  // The instruction count is implied by the countdown (executed = start - countdown - skipped),
  // and C counts down to the budget's end: pMARS's countdown is C + stopAt.
  const cs = coreSize;
  stopAt = countdown > limit ? countdown - limit : 0;
  let C = countdown - stopAt;
  let st = blockPtr(curW);

  for (;;) {
    // Coverage: the loops of one and two warriors (their coverage bytes stay in the L1 cache) and
    // manyAny() mark it as they go; many8000() leaves it to coverPending(), so that goes first.
    if (live <= 2) coverPending();
    if (live == 1) C = lone(st, C, cs);
    else if (live == 2) C = cs == 8000 ? pair8000(st, C) : pairAny(st, C, cs);
    else if (cs == 8000 && maxProcesses <= 65536 - COVER_CHUNK) C = many8000(st, C);
    else {
      C = manyAny(st, C, cs);
      coveredToHead();
    }
    st = moved;
    const head = load<u32>(st, ST_HEAD);
    if (load<u32>(st, ST_TAIL) != head) break; // the budget ran out

    // Warrior st's last process died: pMARS charges the turn again, shared by the living.
    if (!inTail) store<u32>(st, head, ST_DEATH);
    const real = C + stopAt;
    const extra: u32 = 1 + (real - 1) / live;
    const after = real - extra - 1; // below zero, so wrapped, if real == 1
    if (real <= extra) overtime = true;
    skipped += extra;
    stopAt = stopAt > extra ? stopAt - extra : 0;
    C = after - stopAt;
    live--;
    if (live < 2) {
      if (!inTail) {
        outcomeLive = live;
        outcomeExecuted = startCount - after - skipped;
      }
      if (live == 0 || !fullLength || overtime) {
        over = true;
        break;
      }
      inTail = true;
    }
    st = unlink(st);
    if (C == 0) break;
  }

  countdown = C + stopAt;
  if (countdown == 0) {
    if (!over && !inTail) {
      outcomeLive = live;
      outcomeExecuted = startCount - skipped;
    }
    over = true;
  }
  curW = warriorOf(st);
  return over ? ROUND_OVER : RUNNING;
}

// Where execute() finds a turn's queue counters: in its arguments (the loops of one and two
// warriors keep them in locals) or in the warrior's block (manyTurns). A type argument, not a
// flag, so that each loop is compiled as if the other case did not exist.
// In the block, coverage is either left to coverPending() (InBlock) or marked as it goes
// (InBlockMarked), as with InArguments.
class InArguments {}
class InBlock {}
class InBlockMarked {}

// @ts-ignore: decorator
@inline
function inBlock<Q>(): bool {
  return idof<Q>() != idof<InArguments>();
}

// @ts-ignore: decorator
@inline
function marksCoverage<Q>(): bool {
  return idof<Q>() != idof<InBlock>();
}

let moved: usize = 0; // the warrior a loop below stopped at: the one that died, or the next to move

/**
 * Turns of two live warriors from block st, until C runs out or a warrior's last process dies
 * (its queue is then empty); returns what is left of C and leaves that warrior, or the next to
 * move, in `moved`. Both warriors' queue counters live in locals, two sets that take turns,
 * and go back to the blocks at the end.
 */
// @ts-ignore: decorator
@inline
function twoSets(st: usize, C: u32, cs: u32): u32 {
  let head = load<u32>(st, ST_HEAD);
  let tail = load<u32>(st, ST_TAIL);
  // front caches the address at the head of the ring, so that a process's next address
  // reaches the next fetch without a round trip through memory. Every address is still
  // written to the ring; front is re-read from it after each turn, while the other warrior moves.
  let front = ringFront(st, head);
  let oSt = <usize>load<u32>(st, ST_NEXT);
  let oHead = load<u32>(oSt, ST_HEAD);
  let oTail = load<u32>(oSt, ST_TAIL);
  let oFront = ringFront(oSt, oHead);
  let other = false; // the warrior that died or moves next is oSt
  // Two turns of each warrior a pass, the same two turns written twice on purpose: each
  // warrior's instructions are then dispatched from two switches, even and odd turns apart,
  // which the CPU's branch predictor tells apart better (1.02-1.05x on pairs, bench/results.md;
  // one switch for both warriors: 0.90x; three a warrior: 0.72x).
  for (;;) {
    head++;
    tail += execute<InArguments>(st, head, tail, front, cs);
    front = ringFront(st, head);
    if (tail == head) break;
    if (--C == 0) {
      other = true;
      break;
    }
    oHead++;
    oTail += execute<InArguments>(oSt, oHead, oTail, oFront, cs);
    oFront = ringFront(oSt, oHead);
    if (oTail == oHead) {
      other = true;
      break;
    }
    if (--C == 0) break;
    head++;
    tail += execute<InArguments>(st, head, tail, front, cs);
    front = ringFront(st, head);
    if (tail == head) break;
    if (--C == 0) {
      other = true;
      break;
    }
    oHead++;
    oTail += execute<InArguments>(oSt, oHead, oTail, oFront, cs);
    oFront = ringFront(oSt, oHead);
    if (oTail == oHead) {
      other = true;
      break;
    }
    if (--C == 0) break;
  }
  saveQueue(st, head, tail, front);
  saveQueue(oSt, oHead, oTail, oFront);
  moved = other ? oSt : st;
  return C;
}

/**
 * twoSets() for three or more warriors. Only the next warrior's front is loaded a turn ahead
 * (the next fetch waits for it); head and tail stay in the block, where execute() reads and
 * writes them (InBlock). So few values stay live across execute() that V8 spills little: 1.06×
 * the loop that kept two whole sets as twoSets() does, and 1.06× on the `drq` workload again
 * since head and tail no longer pass through locals. Two turns per pass, so that st and oSt take
 * turns without moves.
 */
// @ts-ignore: decorator
@inline
function manyTurns<Q>(st: usize, C: u32, cs: u32): u32 {
  let front = load<u32>(st, ST_FRONT);
  let oSt: usize = 0;
  let oFront: u32 = 0;
  let other = false;
  for (;;) {
    oSt = <usize>load<u32>(st, ST_NEXT);
    oFront = load<u32>(oSt, ST_FRONT);
    if (turnDies<Q>(st, front, cs)) break;
    if (--C == 0) {
      other = true;
      break;
    }
    st = <usize>load<u32>(oSt, ST_NEXT);
    front = load<u32>(st, ST_FRONT);
    if (turnDies<Q>(oSt, oFront, cs)) {
      other = true;
      break;
    }
    if (--C == 0) break;
  }
  moved = other ? oSt : st;
  return C;
}

/** A turn of warrior st in manyTurns(), its counters in its block; true if it died. */
// @ts-ignore: decorator
@inline
function turnDies<Q>(st: usize, front: u32, cs: u32): bool {
  store<u32>(st, load<u32>(st, ST_HEAD) + 1, ST_HEAD);
  execute<Q>(st, 0, 0, front, cs);
  const head = load<u32>(st, ST_HEAD);
  store<u32>(st, ringFront(st, head), ST_FRONT);
  return load<u32>(st, ST_TAIL) == head;
}

// The loops as functions of their own (V8 allocates registers function by function), each for
// two or more warriors, and each also for the 8000-cell core of the common hills and of DRQ:
// with the coresize a constant, every wrap compares with an immediate and frees a register.
function pair8000(st: usize, C: u32): u32 {
  return twoSets(st, C, 8000);
}

function many8000(st: usize, C: u32): u32 {
  return manyTurns<InBlock>(st, C, 8000);
}

function pairAny(st: usize, C: u32, cs: u32): u32 {
  return twoSets(st, C, cs);
}

function manyAny(st: usize, C: u32, cs: u32): u32 {
  return manyTurns<InBlockMarked>(st, C, cs);
}

/**
 * The lone survivor of a fullLength round (or a battle of one): twoSets() for one warrior. A
 * function of its own with execute() inlined, so that run() stays small: 1.2× on such tails
 * against a call of execute() per instruction.
 */
function lone(st: usize, C: u32, cs: u32): u32 {
  let head = load<u32>(st, ST_HEAD);
  let tail = load<u32>(st, ST_TAIL);
  let front = ringFront(st, head);
  for (;;) {
    head++;
    tail += execute<InArguments>(st, head, tail, front, cs);
    front = ringFront(st, head);
    if (tail == head || --C == 0) break;
  }
  saveQueue(st, head, tail, front);
  moved = st;
  return C;
}

/**
 * One turn of warrior block st: pops its next process (PC, the queue's front; the caller has
 * advanced head past it), executes the instruction there, queues what follows. Returns the
 * number of addresses queued (0-2). The queue's new front is then the ring's entry at head: the
 * callers read it back (ringFront) instead of carrying it through here, which keeps one value
 * fewer live across the switch (1.04-1.17× on every workload). With Q = InBlock, head and tail
 * are not the arguments but st's ST_HEAD and ST_TAIL, read and written where used.
 */
// @ts-ignore: decorator
@inline
function execute<Q>(st: usize, head: u32, tail: u32, PC: u32, cs: u32): u32 {
  const core = CORE;
  if (marksCoverage<Q>()) store<u8>(st + <usize>PC, 1, COVER);
  const cell = cellPtr(core, PC);
  const next1: u32 = PC + 1 == cs ? 0 : PC + 1;
  // The commonest instructions first, each on its own path (insn.ts, "Fast paths"); the
  // trace build keeps to the general path, which reports every operand. Each path reads the
  // fields it needs from core[PC] (unchanged until an operand is evaluated), so that no fetched
  // value is live, and spilled, across the switch.
  if (!TRACING) {
    switch (<u32>load<u8>(cell, CELL_TAG)) {
      // MOV.I: moveTo's arguments are evaluated in order, so the A operand's copy is taken
      // before the B operand is evaluated, as the standard orders them.
      case FAST_MOV_I_DD: return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, aDirect(PC, cs))), bDirect(PC, cs));
      // # names the instruction itself: its in-register copy is what moves.
      case FAST_MOV_I_ID: return moveTo<Q>(st, tail, next1, load<u64>(cell), bDirect(PC, cs));
      case FAST_MOV_I_DI:
        return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, aDirect(PC, cs))), indirect(bDirect(PC, cs), cs));
      case FAST_MOV_I_DP: return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, aDirect(PC, cs))), predecrement(bDirect(PC, cs), CELL_B, cs));
      case FAST_MOV_I_DAP: return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, aDirect(PC, cs))), predecrement(bDirect(PC, cs), CELL_A, cs));
      case FAST_MOV_I_DN: return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, aDirect(PC, cs))), postincrement(bDirect(PC, cs), CELL_B, cs));
      case FAST_MOV_I_DAN: return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, aDirect(PC, cs))), postincrement(bDirect(PC, cs), CELL_A, cs));
      // Where the A operand writes core (it may write core[PC]), the B-number is read first.
      case FAST_MOV_I_PP: {
        const b = bDirect(PC, cs);
        return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, predecrement(aDirect(PC, cs), CELL_B, cs))), predecrement(b, CELL_B, cs));
      }
      case FAST_MOV_I_APP: {
        const b = bDirect(PC, cs);
        return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, predecrement(aDirect(PC, cs), CELL_A, cs))), predecrement(b, CELL_B, cs));
      }
      case FAST_MOV_I_ANN: {
        // The copy is taken before the A-number is incremented (it may be that very cell).
        const a = aDirect(PC, cs);
        const b = bDirect(PC, cs);
        const field = cellPtr(core, a) + CELL_A;
        const f = <u32>load<u16>(field);
        const src = load<u64>(cellPtr(core, addMod(a, f, cs)));
        increment(field, f, cs);
        return moveTo<Q>(st, tail, next1, src, postincrement(b, CELL_B, cs));
      }
      case FAST_MOV_AB_ID: {
        store<u16>(cellPtr(core, bDirect(PC, cs)), load<u16>(cell, CELL_A), CELL_B);
        return proceed<Q>(st, tail, next1);
      }
      case FAST_ADD_AB_ID: {
        const field = cellPtr(core, bDirect(PC, cs)) + CELL_B;
        store<u16>(field, addMod(<u32>load<u16>(field), <u32>load<u16>(cell, CELL_A), cs));
        return proceed<Q>(st, tail, next1);
      }
      case FAST_ADD_F_DD: {
        const src = load<u64>(cellPtr(core, aDirect(PC, cs)));
        const dst = cellPtr(core, bDirect(PC, cs));
        store<u16>(dst, addMod(<u32>load<u16>(dst, CELL_A), cellA(src), cs), CELL_A);
        store<u16>(dst, addMod(<u32>load<u16>(dst, CELL_B), cellB(src), cs), CELL_B);
        return proceed<Q>(st, tail, next1);
      }
      case FAST_SPL_IS: return split<Q>(st, head, tail, next1, PC);
      case FAST_SPL_DP:
        predecrement(bDirect(PC, cs), CELL_B, cs);
        // fall through
      case FAST_SPL_DS: return split<Q>(st, head, tail, next1, aDirect(PC, cs));
      case FAST_JMP_DP:
        predecrement(bDirect(PC, cs), CELL_B, cs);
        return proceed<Q>(st, tail, aDirect(PC, cs));
      case FAST_JMP_DN:
        postincrement(bDirect(PC, cs), CELL_B, cs);
        // fall through
      case FAST_JMP_DS: return proceed<Q>(st, tail, aDirect(PC, cs));
      case FAST_DJN_B_DP: {
        const b = decrement(cellPtr(core, predecrement(bDirect(PC, cs), CELL_B, cs)) + CELL_B, cs);
        return proceed<Q>(st, tail, b != 0 ? aDirect(PC, cs) : next1);
      }
      case FAST_DJN_B_DD: {
        const b = decrement(cellPtr(core, bDirect(PC, cs)) + CELL_B, cs);
        return proceed<Q>(st, tail, b != 0 ? aDirect(PC, cs) : next1);
      }
      case FAST_DJN_B_DI: {
        // The B operand is this cell: core's B-number is decremented, the copy's decides.
        return proceed<Q>(st, tail, decrement(cell + CELL_B, cs) != 0 ? aDirect(PC, cs) : next1);
      }
      case FAST_JMZ_B_DD:
        return proceed<Q>(st, tail, load<u16>(cellPtr(core, bDirect(PC, cs)), CELL_B) == 0 ? aDirect(PC, cs) : next1);
      case FAST_JMN_B_DD:
        return proceed<Q>(st, tail, load<u16>(cellPtr(core, bDirect(PC, cs)), CELL_B) != 0 ? aDirect(PC, cs) : next1);
      case FAST_DAT_PP: {
        const b = bDirect(PC, cs);
        predecrement(aDirect(PC, cs), CELL_B, cs);
        predecrement(b, CELL_B, cs);
      }
        // fall through
      case FAST_DAT: return 0;
      case FAST_MOV_I_BP:
        return moveTo<Q>(st, tail, next1, load<u64>(cellPtr(core, indirect(aDirect(PC, cs), cs))), predecrement(bDirect(PC, cs), CELL_B, cs));
      case FAST_SUB_AB_ID: {
        const field = cellPtr(core, bDirect(PC, cs)) + CELL_B;
        store<u16>(field, subMod(<u32>load<u16>(field), <u32>load<u16>(cell, CELL_A), cs));
        return proceed<Q>(st, tail, next1);
      }
      case FAST_SPL_BS: return split<Q>(st, head, tail, next1, indirect(aDirect(PC, cs), cs));
      case FAST_JMP_BS: return proceed<Q>(st, tail, indirect(aDirect(PC, cs), cs));
      case FAST_JMZ_B_DB:
        return proceed<Q>(st, tail, load<u16>(cellPtr(core, indirect(bDirect(PC, cs), cs)), CELL_B) == 0 ? aDirect(PC, cs) : next1);
      // The B-number is tested as the predecrement left it. Not in the many-warrior loop: there
      // one case more cost DRQ's own melee 3% (bench/results.md).
      case FAST_JMZ_B_DP:
        if (inBlock<Q>()) break;
        return proceed<Q>(st, tail, load<u16>(cellPtr(core, predecrement(bDirect(PC, cs), CELL_B, cs)), CELL_B) == 0 ? aDirect(PC, cs) : next1);
      case FAST_JMZ_B_BD: {
        const target = indirect(aDirect(PC, cs), cs);
        return proceed<Q>(st, tail, load<u16>(cellPtr(core, bDirect(PC, cs)), CELL_B) == 0 ? target : next1);
      }
      // .I compares whole cells (the tag is a function of the opword, so it compares alike).
      case FAST_SEQ_I_DD:
        return proceed<Q>(st, tail, skipIf(load<u64>(cellPtr(core, aDirect(PC, cs))) == load<u64>(cellPtr(core, bDirect(PC, cs))), next1, cs));
      case FAST_SEQ_I_DB:
        return proceed<Q>(st, tail, skipIf(load<u64>(cellPtr(core, aDirect(PC, cs))) == load<u64>(cellPtr(core, indirect(bDirect(PC, cs), cs))), next1, cs));
      case FAST_SEQ_I_PP: {
        // The A operand's copy is taken before the B operand's decrement (it may be that cell).
        const b = bDirect(PC, cs);
        const a = load<u64>(cellPtr(core, predecrement(aDirect(PC, cs), CELL_B, cs)));
        return proceed<Q>(st, tail, skipIf(a == load<u64>(cellPtr(core, predecrement(b, CELL_B, cs))), next1, cs));
      }
      case FAST_DAT_PS:
        predecrement(aDirect(PC, cs), CELL_B, cs);
        return 0;
    }
    // The many-warrior loop calls the general path: V8 then needs fewer registers on the fast
    // paths (1.03-1.04× on the melees); the pair loops run faster with it inlined.
    if (inBlock<Q>()) return generalOutOfLine<Q>(st, head, tail, PC, next1, cs);
  }
  return general<Q>(st, head, tail, PC, next1, cs);
}

function generalOutOfLine<Q>(st: usize, head: u32, tail: u32, PC: u32, next1: u32, cs: u32): u32 {
  return general<Q>(st, head, tail, PC, next1, cs);
}

/** execute() for any instruction: operands evaluated in full, then the opcode and modifier. */
// @ts-ignore: decorator
@inline
function general<Q>(st: usize, head: u32, tail: u32, PC: u32, next1: u32, cs: u32): u32 {
  const core = CORE;
  let tail0 = tail;
  // The instruction register: core[PC] is as fetched until the A operand is evaluated (the
  // fast paths read only the fields they need, where they need them).
  const IR = load<u64>(cellPtr(core, PC));
  const op = <u32>IR & OPWORD_MASK;
  if (inBlock<Q>()) {
    head = load<u32>(st, ST_HEAD);
    tail = load<u32>(st, ST_TAIL);
    tail0 = tail;
  }

  // A operand, completely (decrement, copy, increment) before the B operand. The copies are
  // whole cells: operand evaluation never changes an opword, so aCell is also the
  // instruction MOV.I copies and SEQ.I compares.
  let RPA: u32;
  let aCell: u64;
  const aMode = (op >> 3) & 7;
  if (aMode == MODE_IMMEDIATE) {
    RPA = PC;
    aCell = IR;
  } else {
    RPA = addMod(PC, cellA(IR), cs);
    if (aMode != MODE_DIRECT) {
      // @ < > go through the B-number of core[RPA], * { } through its A-number.
      const field = cellPtr(core, RPA) + (aMode >= MODE_A_INDIRECT ? CELL_A : CELL_B);
      const kind = aMode >= MODE_A_INDIRECT ? aMode - 3 : aMode;
      const f = kind == MODE_B_PREDEC ? decrement(field, cs) : <u32>load<u16>(field);
      RPA = addMod(RPA, f, cs);
      aCell = load<u64>(cellPtr(core, RPA));
      if (kind == MODE_B_POSTINC) increment(field, f, cs);
    } else {
      aCell = load<u64>(cellPtr(core, RPA));
    }
  }

  // B operand: its number is IR's B-number even if the A side changed core[PC].
  let WPB: u32;
  let bCell: u64;
  const bMode = op & 7;
  if (bMode == MODE_IMMEDIATE) {
    WPB = PC;
    bCell = IR;
  } else {
    WPB = addMod(PC, cellB(IR), cs);
    if (bMode != MODE_DIRECT) {
      const field = cellPtr(core, WPB) + (bMode >= MODE_A_INDIRECT ? CELL_A : CELL_B);
      const kind = bMode >= MODE_A_INDIRECT ? bMode - 3 : bMode;
      const f = kind == MODE_B_PREDEC ? decrement(field, cs) : <u32>load<u16>(field);
      WPB = addMod(WPB, f, cs);
      bCell = load<u64>(cellPtr(core, WPB));
      if (kind == MODE_B_POSTINC) increment(field, f, cs);
    } else {
      bCell = load<u64>(cellPtr(core, WPB));
    }
  }
  const iraA = cellA(aCell);
  const iraB = cellB(aCell);
  const irbA = cellA(bCell);
  const irbB = cellB(bCell);

  // Execute on the copies; results go to core[WPB].
  const dst = cellPtr(core, WPB);
  let nxt: u32 = next1;
  switch (op >> 6) {
    case MOV_A: store<u16>(dst, iraA, CELL_A); break;
    case MOV_B: store<u16>(dst, iraB, CELL_B); break;
    case MOV_AB: store<u16>(dst, iraA, CELL_B); break;
    case MOV_BA: store<u16>(dst, iraB, CELL_A); break;
    case MOV_F: store<u16>(dst, iraA, CELL_A); store<u16>(dst, iraB, CELL_B); break;
    case MOV_X: store<u16>(dst, iraB, CELL_A); store<u16>(dst, iraA, CELL_B); break;
    case MOV_I: store<u64>(dst, aCell); break;

    case ADD_A: store<u16>(dst, addMod(irbA, iraA, cs), CELL_A); break;
    case ADD_B: store<u16>(dst, addMod(irbB, iraB, cs), CELL_B); break;
    case ADD_AB: store<u16>(dst, addMod(irbB, iraA, cs), CELL_B); break;
    case ADD_BA: store<u16>(dst, addMod(irbA, iraB, cs), CELL_A); break;
    case ADD_F: case ADD_I:
      store<u16>(dst, addMod(irbA, iraA, cs), CELL_A);
      store<u16>(dst, addMod(irbB, iraB, cs), CELL_B);
      break;
    case ADD_X:
      store<u16>(dst, addMod(irbA, iraB, cs), CELL_A);
      store<u16>(dst, addMod(irbB, iraA, cs), CELL_B);
      break;

    case SUB_A: store<u16>(dst, subMod(irbA, iraA, cs), CELL_A); break;
    case SUB_B: store<u16>(dst, subMod(irbB, iraB, cs), CELL_B); break;
    case SUB_AB: store<u16>(dst, subMod(irbB, iraA, cs), CELL_B); break;
    case SUB_BA: store<u16>(dst, subMod(irbA, iraB, cs), CELL_A); break;
    case SUB_F: case SUB_I:
      store<u16>(dst, subMod(irbA, iraA, cs), CELL_A);
      store<u16>(dst, subMod(irbB, iraB, cs), CELL_B);
      break;
    case SUB_X:
      store<u16>(dst, subMod(irbA, iraB, cs), CELL_A);
      store<u16>(dst, subMod(irbB, iraA, cs), CELL_B);
      break;

    // Numbers are < 65536, so a u32 product is exact, as pMARS's 64-bit one is.
    case MUL_A: store<u16>(dst, (irbA * iraA) % cs, CELL_A); break;
    case MUL_B: store<u16>(dst, (irbB * iraB) % cs, CELL_B); break;
    case MUL_AB: store<u16>(dst, (irbB * iraA) % cs, CELL_B); break;
    case MUL_BA: store<u16>(dst, (irbA * iraB) % cs, CELL_A); break;
    case MUL_F: case MUL_I:
      store<u16>(dst, (irbA * iraA) % cs, CELL_A);
      store<u16>(dst, (irbB * iraB) % cs, CELL_B);
      break;
    case MUL_X:
      store<u16>(dst, (irbA * iraB) % cs, CELL_A);
      store<u16>(dst, (irbB * iraA) % cs, CELL_B);
      break;

    // Division by zero kills the process; with .F/.X/.I the other half is still done.
    case DIV_A: if (iraA) store<u16>(dst, irbA / iraA, CELL_A); else nxt = DIE; break;
    case DIV_B: if (iraB) store<u16>(dst, irbB / iraB, CELL_B); else nxt = DIE; break;
    case DIV_AB: if (iraA) store<u16>(dst, irbB / iraA, CELL_B); else nxt = DIE; break;
    case DIV_BA: if (iraB) store<u16>(dst, irbA / iraB, CELL_A); else nxt = DIE; break;
    case DIV_F: case DIV_I:
      if (iraA) store<u16>(dst, irbA / iraA, CELL_A); else nxt = DIE;
      if (iraB) store<u16>(dst, irbB / iraB, CELL_B); else nxt = DIE;
      break;
    case DIV_X:
      if (iraB) store<u16>(dst, irbA / iraB, CELL_A); else nxt = DIE;
      if (iraA) store<u16>(dst, irbB / iraA, CELL_B); else nxt = DIE;
      break;

    case MOD_A_: if (iraA) store<u16>(dst, irbA % iraA, CELL_A); else nxt = DIE; break;
    case MOD_B_: if (iraB) store<u16>(dst, irbB % iraB, CELL_B); else nxt = DIE; break;
    case MOD_AB_: if (iraA) store<u16>(dst, irbB % iraA, CELL_B); else nxt = DIE; break;
    case MOD_BA_: if (iraB) store<u16>(dst, irbA % iraB, CELL_A); else nxt = DIE; break;
    case MOD_F_: case MOD_I_:
      if (iraA) store<u16>(dst, irbA % iraA, CELL_A); else nxt = DIE;
      if (iraB) store<u16>(dst, irbB % iraB, CELL_B); else nxt = DIE;
      break;
    case MOD_X_:
      if (iraB) store<u16>(dst, irbA % iraB, CELL_A); else nxt = DIE;
      if (iraA) store<u16>(dst, irbB % iraA, CELL_B); else nxt = DIE;
      break;

    case JMZ_A: case JMZ_BA: if (!irbA) nxt = RPA; break;
    case JMZ_B: case JMZ_AB: if (!irbB) nxt = RPA; break;
    case JMZ_F: case JMZ_X: case JMZ_I: if (!(irbA | irbB)) nxt = RPA; break;

    case JMN_A: case JMN_BA: if (irbA) nxt = RPA; break;
    case JMN_B: case JMN_AB: if (irbB) nxt = RPA; break;
    case JMN_F: case JMN_X: case JMN_I: if (irbA | irbB) nxt = RPA; break;

    // DJN decrements core but decides on the copy: jump unless copy - 1 is zero.
    case DJN_A: case DJN_BA: decrement(dst + CELL_A, cs); if (irbA != 1) nxt = RPA; break;
    case DJN_B: case DJN_AB: decrement(dst + CELL_B, cs); if (irbB != 1) nxt = RPA; break;
    case DJN_F: case DJN_X: case DJN_I:
      decrement(dst + CELL_A, cs);
      decrement(dst + CELL_B, cs);
      if (irbA != 1 || irbB != 1) nxt = RPA;
      break;

    case CMP_A: case SEQ_A: if (irbA == iraA) nxt = addMod(nxt, 1, cs); break;
    case CMP_B: case SEQ_B: if (irbB == iraB) nxt = addMod(nxt, 1, cs); break;
    case CMP_AB: case SEQ_AB: if (irbB == iraA) nxt = addMod(nxt, 1, cs); break;
    case CMP_BA: case SEQ_BA: if (irbA == iraB) nxt = addMod(nxt, 1, cs); break;
    case CMP_F: case SEQ_F: if (irbA == iraA && irbB == iraB) nxt = addMod(nxt, 1, cs); break;
    case CMP_X: case SEQ_X: if (irbB == iraA && irbA == iraB) nxt = addMod(nxt, 1, cs); break;
    // .I compares opcode, modifier and modes and the copied numbers: the whole cells.
    case CMP_I: case SEQ_I: if (aCell == bCell) nxt = addMod(nxt, 1, cs); break;

    case SNE_A: if (irbA != iraA) nxt = addMod(nxt, 1, cs); break;
    case SNE_B: if (irbB != iraB) nxt = addMod(nxt, 1, cs); break;
    case SNE_AB: if (irbB != iraA) nxt = addMod(nxt, 1, cs); break;
    case SNE_BA: if (irbA != iraB) nxt = addMod(nxt, 1, cs); break;
    case SNE_F: if (irbA != iraA || irbB != iraB) nxt = addMod(nxt, 1, cs); break;
    case SNE_X: if (irbB != iraA || irbA != iraB) nxt = addMod(nxt, 1, cs); break;
    case SNE_I: if (aCell != bCell) nxt = addMod(nxt, 1, cs); break;

    case SLT_A: if (iraA < irbA) nxt = addMod(nxt, 1, cs); break;
    case SLT_B: if (iraB < irbB) nxt = addMod(nxt, 1, cs); break;
    case SLT_AB: if (iraA < irbB) nxt = addMod(nxt, 1, cs); break;
    case SLT_BA: if (iraB < irbA) nxt = addMod(nxt, 1, cs); break;
    case SLT_F: case SLT_I: if (iraA < irbA && iraB < irbB) nxt = addMod(nxt, 1, cs); break;
    case SLT_X: if (iraA < irbB && iraB < irbA) nxt = addMod(nxt, 1, cs); break;

    case JMP_A: case JMP_B: case JMP_AB: case JMP_BA: case JMP_F: case JMP_X: case JMP_I:
      nxt = RPA;
      break;

    // SPL queues PC+1 first, then the new process unless the queue is full.
    case SPL_A: case SPL_B: case SPL_AB: case SPL_BA: case SPL_F: case SPL_X: case SPL_I: {
      tail += split<InArguments>(st, head, tail, nxt, RPA);
      nxt = QUEUED;
      break;
    }

    case DAT_A: case DAT_B: case DAT_AB: case DAT_BA: case DAT_F: case DAT_X: case DAT_I:
      nxt = DIE;
      break;

    case NOP_A: case NOP_B: case NOP_AB: case NOP_BA: case NOP_F: case NOP_X: case NOP_I:
      break;

    case LDP_A: store<u16>(dst, pspaceGet(st, iraA), CELL_A); break;
    case LDP_B: case LDP_F: case LDP_X: case LDP_I: store<u16>(dst, pspaceGet(st, iraB), CELL_B); break;
    case LDP_AB: store<u16>(dst, pspaceGet(st, iraA), CELL_B); break;
    case LDP_BA: store<u16>(dst, pspaceGet(st, iraB), CELL_A); break;

    // In a fullLength tail the round is already decided; P-space keeps pMARS's state.
    case STP_A: if (!inTail) pspaceSet(st, irbA, iraA); break;
    case STP_B: case STP_F: case STP_X: case STP_I: if (!inTail) pspaceSet(st, irbB, iraB); break;
    case STP_AB: if (!inTail) pspaceSet(st, irbB, iraA); break;
    case STP_BA: if (!inTail) pspaceSet(st, irbA, iraB); break;

    // Modifier 7 does not exist; such a cell (only a host could write it) acts as DAT.
    default: nxt = DIE; break;
  }

  if (nxt < cs) {
    push(st, tail, nxt);
    tail++;
  }
  if (inBlock<Q>()) store<u32>(st, tail, ST_TAIL);
  if (TRACING) traceEvent(PC | (WPB << 16), RPA | ((op >> 9) << 16) | ((tail - tail0) << 21) | (warriorOf(st) << 24));
  return tail - tail0;
}

/** What $ makes of core[PC]'s A-number (read from core: see execute()). */
// @ts-ignore: decorator
@inline
function aDirect(PC: u32, cs: u32): u32 {
  return addMod(PC, <u32>load<u16>(cellPtr(CORE, PC), CELL_A), cs);
}

/** What $ makes of core[PC]'s B-number. */
// @ts-ignore: decorator
@inline
function bDirect(PC: u32, cs: u32): u32 {
  return addMod(PC, <u32>load<u16>(cellPtr(CORE, PC), CELL_B), cs);
}

/** Decrements the number at field, modulo coresize; returns the new value. */
// @ts-ignore: decorator
@inline
function decrement(field: usize, cs: u32): u32 {
  const f = <u32>load<u16>(field);
  const g = (f ? f : cs) - 1;
  store<u16>(field, g);
  return g;
}

/** The < and { modes at ptr: decrements core[ptr]'s number at field, returns the address it names. */
// @ts-ignore: decorator
@inline
function predecrement(ptr: u32, field: usize, cs: u32): u32 {
  return addMod(ptr, decrement(cellPtr(CORE, ptr) + field, cs), cs);
}

/** The @ mode at ptr: the address core[ptr]'s B-number names. */
// @ts-ignore: decorator
@inline
function indirect(ptr: u32, cs: u32): u32 {
  return addMod(ptr, <u32>load<u16>(cellPtr(CORE, ptr), CELL_B), cs);
}

/** A skip's next address: two on if skip, else next1 (PC + 1). */
// @ts-ignore: decorator
@inline
function skipIf(skip: bool, next1: u32, cs: u32): u32 {
  return skip ? addMod(next1, 1, cs) : next1;
}

/** The > and } modes at ptr of a written operand: the address named, then core[ptr]'s number incremented. */
// @ts-ignore: decorator
@inline
function postincrement(ptr: u32, field: usize, cs: u32): u32 {
  const p = cellPtr(CORE, ptr) + field;
  const f = <u32>load<u16>(p);
  increment(p, f, cs);
  return addMod(ptr, f, cs);
}

/** Stores f + 1, modulo coresize, at field (f: the number read from it). */
// @ts-ignore: decorator
@inline
function increment(field: usize, f: u32, cs: u32): void {
  store<u16>(field, f + 1 == cs ? 0 : f + 1);
}

/** MOV.I's end: the A operand's whole cell to address, PC+1 queued. */
// @ts-ignore: decorator
@inline
function moveTo<Q>(st: usize, tail: u32, next1: u32, src: u64, address: u32): u32 {
  store<u64>(cellPtr(CORE, address), src);
  return proceed<Q>(st, tail, next1);
}

/** execute()'s result when the process goes on at address alone: address queued, one queued. */
// @ts-ignore: decorator
@inline
function proceed<Q>(st: usize, tail: u32, address: u32): u32 {
  if (inBlock<Q>()) tail = load<u32>(st, ST_TAIL);
  push(st, tail, address);
  if (inBlock<Q>()) store<u32>(st, tail + 1, ST_TAIL);
  return 1;
}

/** Queues address at tail. */
// @ts-ignore: decorator
@inline
function push(st: usize, tail: u32, address: u32): void {
  store<u16>(st + (<usize>(tail & RING_MASK) << 1), <u16>address, RING);
}

/**
 * SPL: queues next1, then target unless the queue is full (pMARS's process limit). Returns
 * the number of addresses queued.
 */
// @ts-ignore: decorator
@inline
function split<Q>(st: usize, head: u32, tail: u32, next1: u32, target: u32): u32 {
  if (inBlock<Q>()) {
    head = load<u32>(st, ST_HEAD);
    tail = load<u32>(st, ST_TAIL);
    store<u32>(st, tail + 1, ST_TAIL);
  }
  push(st, tail, next1);
  if (tail + 1 - head >= maxProcesses) return 1;
  store<u32>(st, load<u32>(st, ST_SPAWNED) + 1, ST_SPAWNED);
  push(st, tail + 1, target);
  if (inBlock<Q>()) store<u32>(st, tail + 2, ST_TAIL);
  return 2;
}

/** A warrior's queue counters and front back into its block, for its next turn. */
// @ts-ignore: decorator
@inline
function saveQueue(st: usize, head: u32, tail: u32, front: u32): void {
  store<u32>(st, head, ST_HEAD);
  store<u32>(st, head, ST_COVERED);
  store<u32>(st, tail, ST_TAIL);
  store<u32>(st, front, ST_FRONT);
}

// @ts-ignore: decorator
@inline
function ringFront(st: usize, head: u32): u32 {
  return <u32>load<u16>(st + (<usize>(head & RING_MASK) << 1), RING);
}

/** Remove the warrior (block) st from the turn order; returns the block that moves next. */
function unlink(st: usize): usize {
  const after = <usize>load<u32>(st, ST_NEXT);
  let prev = after;
  while (<usize>load<u32>(prev, ST_NEXT) != st) prev = <usize>load<u32>(prev, ST_NEXT);
  store<u32>(prev, <u32>after, ST_NEXT);
  return after;
}

// Per-round results at RESULTS + round * roundBytes():
//   header  +0 starter  +4 instructions executed  +8 survivors  +12 instructions incl. tail
//   then per warrior 32 bytes:
//     +0 position  +4 survived (0/1)  +8 death cycle (its turns when its last process died;
//     0 if it survived)  +12 processes spawned  +16 coverage (distinct addresses executed; 0 if not counted)
//     +20 turns taken  +24 f64 DRQ survival share
export const ROUND_HEADER: usize = 16;
export const WARRIOR_RECORD: usize = 32;

export function roundBytes(): usize {
  return ROUND_HEADER + <usize>warriors * WARRIOR_RECORD;
}

/** Write round r's record and set each warrior's P-space result cell as pMARS does. */
export function finishRound(r: u32, starter: u32): void {
  const n = warriors;
  const cs = coreSize;
  const rec = RESULTS + <usize>r * roundBytes();
  store<u32>(rec, starter);
  store<u32>(rec, outcomeExecuted, 4);
  store<u32>(rec, outcomeLive, 8);
  store<u32>(rec, startCount - countdown - skipped, 12);
  for (let i: u32 = 0; i < n; i++) {
    const st = blockPtr(i);
    const death = load<u32>(st, ST_DEATH);
    const out = rec + ROUND_HEADER + <usize>i * WARRIOR_RECORD;
    store<u32>(out, load<u32>(POSITIONS + (<usize>i << 2)));
    store<u32>(out, death ? 0 : 1, 4);
    store<u32>(out, death, 8);
    store<u32>(out, load<u32>(st, ST_SPAWNED), 12);
    store<u32>(out, i < counted ? coverage(i, cs) : 0, 16);
    store<u32>(out, load<u32>(st, ST_HEAD), 20);
    store<u32>(st, death ? 0 : outcomeLive, ST_RESULT);
  }
  survivalShare(rec, n);
}

/** Distinct addresses in warrior w's coverage bytes (each 0 or 1, so popcnt counts them). */
function coverage(w: u32, cs: u32): u32 {
  const start = blockPtr(w) + COVER;
  const end = start + <usize>cs;
  let p = start;
  let count: u32 = 0;
  for (; p + 8 <= end; p += 8) count += <u32>popcnt<u64>(load<u64>(p));
  for (; p < end; p++) count += load<u8>(p);
  return count;
}

/**
 * The DRQ survival share: in every cycle t = 1..cycles the warriors alive in it share 1/n_alive.
 * A warrior is alive in cycle t if it took its t-th turn; survivors count as alive to the limit.
 * Normalised by cycles and multiplied by the number of warriors, so parity is 1.
 */
function survivalShare(rec: usize, n: u32): void {
  const T = cycles;
  for (let i: u32 = 0; i < n; i++) store<f64>(warriorRec(rec, i), 0, 24);
  let done: u32 = 0;
  for (;;) {
    let m: u32 = 0xFFFFFFFF;
    for (let i: u32 = 0; i < n; i++) {
      const d = lastCycle(rec, i, T);
      if (d > done && d < m) m = d;
    }
    if (m == 0xFFFFFFFF) break;
    let alive: u32 = 0;
    for (let i: u32 = 0; i < n; i++) if (lastCycle(rec, i, T) >= m) alive++;
    const part = <f64>(m - done) / <f64>alive;
    for (let i: u32 = 0; i < n; i++) {
      if (lastCycle(rec, i, T) >= m) {
        const p = warriorRec(rec, i);
        store<f64>(p, load<f64>(p, 24) + part, 24);
      }
    }
    done = m;
  }
  const scale = <f64>n / <f64>T;
  for (let i: u32 = 0; i < n; i++) {
    const p = warriorRec(rec, i);
    store<f64>(p, load<f64>(p, 24) * scale, 24);
  }
}

// @ts-ignore: decorator
@inline
function warriorRec(rec: usize, i: u32): usize {
  return rec + ROUND_HEADER + <usize>i * WARRIOR_RECORD;
}

// @ts-ignore: decorator
@inline
function lastCycle(rec: usize, i: u32, T: u32): u32 {
  const p = warriorRec(rec, i);
  const d = load<u32>(p, 8);
  const survived = load<u32>(p, 4) != 0;
  return survived || d > T ? T : d;
}

// Instructions per run() call in fight(). V8 has no on-stack replacement for Wasm: a call begun
// in the baseline tier (Liftoff) finishes there, however long. Slices of ~1 ms let run() move
// to the optimised code as soon as V8 has compiled it in the background, so that a one-shot
// battle or a worker's first task starts at once and does not stay slow; a call costs nothing
// next to a slice.
const SLICE: u32 = 1 << 18;

/**
 * A battle's rounds firstRound+1..firstRound+rounds, each placed, run and recorded (from record
 * 0). Rounds 1..firstRound are only placed, so that the RNG and the starter are where the whole
 * battle would have them: a battle split across threads fights the same rounds. P-space is not
 * carried over; the caller splits only warriors without LDP/STP. Returns the round count or < 0.
 */
export function fight(rounds: u32, seedKind: i32, seedValue: i64, keepTail: bool, firstRound: u32, counting: u32): i32 {
  if (!ensure(RESULTS + <usize>rounds * roundBytes())) return ERR_MEMORY;
  if (TRACING && !traceReserve(RESULTS + <usize>rounds * roundBytes())) return ERR_MEMORY;
  resetPSpace();
  initSeed(seedKind, seedValue);
  for (let r: u32 = 0; r < firstRound; r++) placeRound();
  let starter: u32 = firstRound % warriors;
  for (let r: u32 = 0; r < rounds; r++) {
    placeRound();
    startRound(starter, keepTail, counting);
    if (TRACING) traceStart(firstRound + r);
    while (run(SLICE) == RUNNING) {}
    finishRound(r, starter);
    starter = starter + 1 == warriors ? 0 : starter + 1;
  }
  return <i32>rounds;
}

/** One round at the host's POSITIONS with a given starter, fresh P-space (oracle pairs). */
export function fightAt(starter: u32, keepTail: bool, counting: u32): i32 {
  if (!ensure(RESULTS + roundBytes())) return ERR_MEMORY;
  resetPSpace();
  startRound(starter, keepTail, counting);
  while (run(SLICE) == RUNNING) {}
  finishRound(0, starter);
  return 1;
}

/** For a stepping caller: a fresh battle's first round at POSITIONS, nothing executed yet. */
export function beginStepping(starter: u32): void {
  resetPSpace();
  startRound(starter, false, warriors);
}

export function liveWarriors(): u32 {
  return live;
}

export function currentWarrior(): u32 {
  return curW;
}

export function queued(w: u32): u32 {
  return queueLength(w);
}
