// The event trace of the viewer's build (asconfig target "trace": asc --use TRACE=1 →
// build/mars-trace.wasm). TRACING is a compile-time constant, false in the release build, so
// every `if (TRACING)` in sim.ts is dropped there and the hot loop compiles to the same bytes.
//
// One round of a battle is recorded: per executed instruction one 8-byte event,
//   u32 PC | WPB << 16       (WPB: the B operand's address, where the instruction writes)
//   u32 RPA | opcode << 16 | queued << 21 | warrior << 24
// (queued: addresses the instruction left in its warrior's queue, 0-2; processes change by
// queued - 1). Events beyond the cap are counted, not stored, and the trace says it was cut.
import { ensure } from "./layout";
import { cycles, warriors } from "./settings";

// @ts-ignore: isDefined is a compile-time builtin
export const TRACING: bool = isDefined(TRACE);

const EVENT_BYTES: usize = 8;

let wanted: u32 = 0xFFFFFFFF; // battle round (0-based) to record; none by default
let cap: u32 = 0; // events stored at most, as the host asked
let room: u32 = 0; // events stored at most in this fight: no round executes more than warriors × cycles
let buffer: usize = 0; // where events go, behind the round records
let recording: bool = false;
let count: u32 = 0; // events of the recorded round, stored or not

/** The host's choice: round r (0-based) of the next fight(), at most `limit` events stored. */
export function traceRound(r: u32, limit: u32): void {
  wanted = r;
  cap = limit;
}

/** fight(), once: the buffer starts at `at` (8-aligned); false if memory cannot hold it. */
export function traceReserve(at: usize): bool {
  buffer = (at + 7) & ~(<usize>7);
  room = min(cap, warriors * cycles);
  count = 0;
  recording = false;
  return ensure(buffer + <usize>room * EVENT_BYTES);
}

/** fight(), per round: starts recording if this is the wanted round, stops otherwise. */
export function traceStart(r: u32): void {
  recording = r == wanted;
  if (recording) count = 0;
}

// @ts-ignore: decorator
@inline
export function traceEvent(lo: u32, hi: u32): void {
  if (recording) {
    if (count < room) {
      const p = buffer + <usize>count * EVENT_BYTES;
      store<u32>(p, lo);
      store<u32>(p, hi, 4);
    }
    count++;
  }
}

export function traceBuffer(): usize {
  return buffer;
}

/** Events of the recorded round (more than were stored if the cap cut the trace). */
export function traceCount(): u32 {
  return count;
}
