// The ABI of the trace build (build/mars-trace.wasm, asc --use TRACE=1): index.ts's exports and
// the event trace's. src/vm/mars.ts (createTracingMars) is its one caller.
import * as trace from "./trace";

export * from "./index";

/** mars.ts, before fight(): record round r (0-based) of it, storing at most `limit` events. */
export function traceRound(r: i32, limit: i32): void {
  trace.traceRound(<u32>r, <u32>limit);
}

/** mars.ts, after fight(): where the recorded round's events are (8 bytes each, see trace.ts). */
export function traceBuffer(): usize {
  return trace.traceBuffer();
}

/** mars.ts, after fight(): events of the recorded round; more than `limit` means it was cut. */
export function traceCount(): i32 {
  return <i32>trace.traceCount();
}
