// The MARS ABI: exports only. Placeholder until the VM lands.
export function version(): i32 {
  return 1;
}
