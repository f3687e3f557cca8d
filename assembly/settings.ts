// The battle settings (pMARS's -s -c -p -l -d -S and the number of warriors), set once per
// battle by configure() and read by every other module. Validation lives here so that the
// host gets one status code instead of a trap.
import { MAX_CORESIZE, MAX_PROCESSES, MAX_WARRIORS, plan } from "./layout";

export let coreSize: u32 = 8000;
export let cycles: u32 = 80000;
export let maxProcesses: u32 = 8000;
export let maxLength: u32 = 100;
export let separation: u32 = 100;
export let pspaceSize: u32 = 500;
export let warriors: u32 = 2;

export const OK: i32 = 0;
export const ERR_CORESIZE: i32 = -1;
export const ERR_WARRIORS: i32 = -2;
export const ERR_PROCESSES: i32 = -3;
export const ERR_CYCLES: i32 = -4;
export const ERR_LENGTH: i32 = -5;
export const ERR_SEPARATION: i32 = -6;
export const ERR_PSPACE: i32 = -7;
export const ERR_MEMORY: i32 = -8;

export function configure(
  core: i32, cyc: i32, processes: i32, length: i32, distance: i32, pspace: i32, count: i32,
): i32 {
  if (core < 2 || core > MAX_CORESIZE) return ERR_CORESIZE;
  if (count < 1 || count > MAX_WARRIORS) return ERR_WARRIORS;
  if (processes < 1 || processes > MAX_PROCESSES) return ERR_PROCESSES;
  // The round's instruction budget (warriors × cycles) is a u32 countdown.
  if (cyc < 1 || <u64>cyc * <u64>count > 0xFFFFFFFF) return ERR_CYCLES;
  if (length < 1 || length > core) return ERR_LENGTH;
  // pMARS's placement needs room for every warrior at its minimum distance.
  if (distance < 0 || (count > 1 && <i64>distance * <i64>count > <i64>core)) return ERR_SEPARATION;
  if (pspace < 1 || pspace > core) return ERR_PSPACE;
  coreSize = core;
  cycles = cyc;
  maxProcesses = processes;
  maxLength = length;
  separation = distance;
  pspaceSize = pspace;
  warriors = count;
  return plan(count, pspace, length) ? OK : ERR_MEMORY;
}
