// The MARS ABI: exports only, numbers and linear memory. src/vm/mars.ts is its one caller.
// A battle: configure() → write WARRIOR_IN records and images → fight() → read results.
import { cellPtr, packCell } from "./core";
import { CORE, IMAGES, POSITIONS, RESULTS, WARRIOR_IN } from "./layout";
import { queueEntry as entry } from "./queue";
import { firstSeed } from "./placement";
import * as settings from "./settings";
import * as sim from "./sim";

/** mars.ts, once per battle (settings or warrior count changed): lays memory out; 0 or < 0. */
export function configure(
  coresize: i32, cycles: i32, processes: i32, maxLength: i32, separation: i32, pspace: i32, warriors: i32,
): i32 {
  return settings.configure(coresize, cycles, processes, maxLength, separation, pspace, warriors);
}

/** mars.ts, once per battle: where to write each warrior's [length, start, hasPin, pin]. */
export function warriorTable(): usize {
  return WARRIOR_IN;
}

/** mars.ts, once per battle: where to write the images (warrior w at w × maxLength triples). */
export function images(): usize {
  return IMAGES;
}

/** mars.ts, per fightAt()/stepping and to read back: each warrior's load address this round. */
export function positions(): usize {
  return POSITIONS;
}

/** mars.ts, after a battle: the per-round records (layout in sim.ts). */
export function results(): usize {
  return RESULTS;
}

/** mars.ts, after a battle: bytes per round record. */
export function roundBytes(): usize {
  return sim.roundBytes();
}

/**
 * mars.ts, once per battle or part of one: rounds firstRound+1..firstRound+rounds (seedKind 0
 * explicit, 1 = -F value, 2 = -f checksum; placement as if rounds 1..firstRound had been fought).
 * Coverage is counted for the first `counted` warriors, 0 recorded for the others.
 */
export function fight(rounds: i32, seedKind: i32, seedValue: f64, fullLength: i32, firstRound: i32, counted: i32): i32 {
  return sim.fight(<u32>rounds, seedKind, <i64>seedValue, fullLength != 0, <u32>firstRound, <u32>counted);
}

/** mars.ts, after fight(): the seed round 1 used (reported so that a run can be replayed). */
export function seedUsed(): f64 {
  return <f64>firstSeed;
}

/** mars.ts, once per fixed-position round (oracle pairs): one round at positions(). */
export function fightAt(starter: i32, fullLength: i32, counted: i32): i32 {
  return sim.fightAt(<u32>starter, fullLength != 0, <u32>counted);
}

/** mars.ts stepper (tests), once per table case: load warriors at positions(), fresh state. */
export function beginStepping(starter: i32): void {
  sim.beginStepping(<u32>starter);
}

/** mars.ts stepper (tests), per step: execute up to k instructions; 1 once the round is over. */
export function step(k: i32): i32 {
  return sim.run(<u32>k);
}

/** mars.ts stepper, to read/write cells: core base (8-byte cells, see core.ts). */
export function core(): usize {
  return CORE;
}

/** mars.ts stepper (tests), to write a cell: packed as loading packs it (with its fast-path tag). */
export function setCell(address: i32, op: i32, a: i32, b: i32): void {
  store<u64>(cellPtr(CORE, <u32>address), packCell(<u32>op, <u32>a, <u32>b));
}

/** mars.ts stepper, per inspection: queued processes of warrior w. */
export function queued(w: i32): i32 {
  return <i32>sim.queued(<u32>w);
}

/** mars.ts stepper, per inspection: the i-th queued address of warrior w (0 = next). */
export function queueEntry(w: i32, i: i32): i32 {
  return <i32>entry(<u32>w, <u32>i);
}

/** mars.ts stepper, per inspection: warriors still alive in this round. */
export function liveWarriors(): i32 {
  return <i32>sim.liveWarriors();
}

/** mars.ts stepper, per inspection: whose turn is next. */
export function currentWarrior(): i32 {
  return <i32>sim.currentWarrior();
}
