// The memory map. Linear memory is a chain of regions, each OFFSET + SIZE = next OFFSET.
// Everything the hot loop touches sits at constant offsets, so that its addresses fold into
// load/store immediates and few registers are tied up: the core (sized for the largest core)
// and one block per warrior holding its round state, process ring and coverage bytes.
// Behind them come the regions sized by the settings (P-space, images, per-round results),
// laid out once by plan(). Nothing here is a managed object: runtime "stub", no allocator.

export const MAX_WARRIORS: i32 = 36; // pMARS's MAXWARRIOR
export const MAX_CORESIZE: i32 = 65536; // numbers are stored as u16
export const MAX_PROCESSES: i32 = 65536; // a ring holds 65536 addresses

const PAGE: usize = 65536;

// Host → VM: one record per warrior, in command-line order.
//   +0 length  +4 start (ORG offset)  +8 has PIN (0/1)  +12 PIN value
export const WARRIOR_IN: usize = 64;
export const WARRIOR_IN_STRIDE: usize = 16;
export const WARRIOR_IN_SIZE: usize = <usize>MAX_WARRIORS * WARRIOR_IN_STRIDE;

// Load positions of the current round (warrior 1 always at 0); the host writes them for fightAt().
export const POSITIONS: usize = WARRIOR_IN + WARRIOR_IN_SIZE;
export const POSITIONS_SIZE: usize = <usize>MAX_WARRIORS * 4;

// The core: 8-byte cells (see core.ts), room for the largest coresize.
export const CORE: usize = (POSITIONS + POSITIONS_SIZE + 63) & ~(<usize>63);
export const CORE_SIZE: usize = <usize>MAX_CORESIZE << 3;

// One block per warrior:
//   +0 state (head and tail are free-running counters into the ring; head = processes popped
//      so far = the warrior's turns this round)
//   +RING   65536 u16 process addresses, indexed by counter & 0xFFFF
//   +COVER  one byte per core address: 1 = one of its processes executed there
export const BLOCKS: usize = CORE + CORE_SIZE;
export const ST_HEAD: usize = 0;
export const ST_TAIL: usize = 4;
export const ST_NEXT: usize = 8; // block of the next live warrior in turn order
export const ST_SPAWNED: usize = 12; // successful SPLs this round
export const ST_PSPACE: usize = 16; // address of this warrior's P-space (shared under PIN)
export const ST_RESULT: usize = 20; // P-space cell 0: last round's result, private
export const ST_DEATH: usize = 24; // turns taken when its last process died; 0 = alive
export const ST_FRONT: usize = 28; // the address at the ring's head, while another warrior moves
export const ST_COVERED: usize = 32; // head up to which the addresses popped are marked in COVER
export const RING: usize = 64;
export const RING_MASK: u32 = 0xFFFF;
export const COVER: usize = RING + (<usize>(RING_MASK + 1) << 1);
export const BLOCK_SIZE: usize = COVER + <usize>MAX_CORESIZE;

// Settings-dependent regions, set by plan().
export let PSPACE: usize = 0; // warriors × pspaceSize u32 (one block per distinct P-space)
export let IMAGES: usize = 0; // warriors × maxLength triples of i32, host-written
export let RESULTS: usize = 0; // per-round records, see sim.ts (the trace build's events follow them, trace.ts)

// @ts-ignore: decorator
@inline
function align8(x: usize): usize {
  return (x + 7) & ~(<usize>7);
}

/** Lay the settings-dependent regions out and make sure memory covers them. */
export function plan(warriors: i32, pspaceSize: i32, maxLength: i32): bool {
  const n = <usize>warriors;
  PSPACE = BLOCKS + n * BLOCK_SIZE;
  IMAGES = align8(PSPACE + n * <usize>pspaceSize * 4);
  RESULTS = align8(IMAGES + n * <usize>maxLength * 12);
  return ensure(RESULTS);
}

/** Grow linear memory so that [0, end) is addressable. */
export function ensure(end: usize): bool {
  const have = <usize>memory.size() * PAGE;
  if (end <= have) return true;
  const pages = <i32>((end - have + PAGE - 1) / PAGE);
  return memory.grow(pages) >= 0;
}
