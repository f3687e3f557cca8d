// Per-warrior process queues (ICWS'94 draft §4.3; the draft says "task", we say "process").
// Each warrior's block (layout.ts) holds a ring of 65536 u16 addresses. head and tail are
// free-running u32 counters masked on use, so the number of queued addresses is simply
// tail - head and no wrap test is needed; pMARS's process limit (≤ 65536) keeps the ring from
// overflowing. Behind the head, the addresses popped stay until the tail comes round (sim.ts,
// coverPending). (pMARS shares one buffer between all queues; that is observably the same FIFO
// per warrior.)
import { BLOCKS, BLOCK_SIZE, RING, RING_MASK, ST_COVERED, ST_FRONT, ST_HEAD, ST_TAIL } from "./layout";

// @ts-ignore: decorator
@inline
export function blockPtr(w: u32): usize {
  return BLOCKS + <usize>w * BLOCK_SIZE;
}

// @ts-ignore: decorator
@inline
export function warriorOf(block: usize): u32 {
  return <u32>((block - BLOCKS) / BLOCK_SIZE);
}

/** A warrior's queue at the start of a round: one process at `address`. */
export function resetRing(w: u32, address: u32): void {
  const b = blockPtr(w);
  store<u16>(b + RING, <u16>address);
  store<u32>(b, 0, ST_HEAD);
  store<u32>(b, 0, ST_COVERED);
  store<u32>(b, 1, ST_TAIL);
  store<u32>(b, address, ST_FRONT);
}

/** Queued processes of warrior w (the one being executed, if any, is not queued). */
export function queueLength(w: u32): u32 {
  const b = blockPtr(w);
  return load<u32>(b, ST_TAIL) - load<u32>(b, ST_HEAD);
}

/** The i-th queued address of warrior w, 0 = next to run. */
export function queueEntry(w: u32, i: u32): u32 {
  const b = blockPtr(w);
  const head = load<u32>(b, ST_HEAD);
  return load<u16>(b + RING + (<usize>((head + i) & RING_MASK) << 1));
}
