// pMARS's RNG and start positions (pos.c: rng, posit, npos; sim.c: the seed and the
// 2-warrior rule). Warrior 1 is always at address 0; POSITIONS holds every warrior's
// load address for the round about to start.
import { pmarsModeByte } from "./insn";
import { IMAGES, POSITIONS, WARRIOR_IN, WARRIOR_IN_STRIDE } from "./layout";
import { coreSize, maxLength, separation, warriors } from "./settings";

/** The RNG state carried from round to round (C `long` in pMARS; kept non-negative). */
export let seed: i64 = 0;
/** The seed round 1 was placed with: passing it back as an explicit seed replays the battle. */
export let firstSeed: i64 = 0;

export const SEED_EXPLICIT: i32 = 0; // use the value as the round-1 seed
export const SEED_POSITION: i32 = 1; // -F N: seed = N - separation
export const SEED_CHECKSUM: i32 = 2; // -f: seed = next(checksum of the warriors)

/** Park–Miller "minimal standard" step, Schrage form, C truncating division. */
export function rng(s: i64): i64 {
  let t = 16807 * (s % 127773) - 2836 * (s / 127773);
  if (t < 0) t += 2147483647;
  return t;
}

export function initSeed(kind: i32, value: i64): void {
  if (kind == SEED_POSITION) seed = value - <i64>separation;
  else if (kind == SEED_CHECKSUM) seed = rng(checksum());
  else seed = value;
  firstSeed = seed;
}

/** pMARS's checksum_warriors(): each field XOR a running index, summed over all warriors. */
function checksum(): i64 {
  let sum: i64 = 0;
  let k: i64 = 0;
  for (let w: u32 = 0; w < warriors; w++) {
    const len = load<u32>(WARRIOR_IN + <usize>w * WARRIOR_IN_STRIDE);
    let p = IMAGES + <usize>w * <usize>maxLength * 12;
    for (let i: u32 = 0; i < len; i++, p += 12) {
      const op = load<u32>(p);
      sum += <i64>(op >> 6) ^ k++;
      sum += <i64>pmarsModeByte((op >> 3) & 7) ^ k++;
      sum += <i64>pmarsModeByte(op & 7) ^ k++;
      sum += <i64>load<u32>(p, 4) ^ k++;
      sum += <i64>load<u32>(p, 8) ^ k++;
    }
  }
  return sum;
}

// @ts-ignore: decorator
@inline
function getPos(i: u32): u32 {
  return load<u32>(POSITIONS + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function setPos(i: u32, v: u32): void {
  store<u32>(POSITIONS + (<usize>i << 2), v);
}

/** Positions for the next round, consuming the RNG exactly as pMARS does. */
export function placeRound(): void {
  setPos(0, 0);
  if (warriors == 2) {
    const positions = <i64>(coreSize + 1 - 2 * separation);
    setPos(1, <u32>(<i64>separation + seed % positions));
    seed = rng(seed);
  } else if (warriors > 2) {
    if (!posit()) npos();
  }
}

/** Random positions with backtracking; false when pMARS's retry budgets run out. */
function posit(): bool {
  const span = <i64>(coreSize - 2 * separation + 1);
  let p: u32 = 1;
  let retries1 = 20;
  let retries2 = 4;
  do {
    seed = rng(seed);
    setPos(p, <u32>(seed % span) + separation);
    let i: u32 = 1;
    for (; i < p; i++) {
      const d = <i32>getPos(p) - <i32>getPos(i);
      if ((d < 0 ? -d : d) < <i32>separation) break;
    }
    if (i == p) {
      p++;
    } else {
      if (retries2 == 0) return false;
      if (retries1 == 0) {
        p = i;
        retries2--;
        retries1 = 20;
      } else {
        retries1--;
      }
    }
  } while (p < warriors);
  return true;
}

/** The fallback: sorted random gaps, spread by the separation, then shuffled. */
function npos(): void {
  const room = <i64>(coreSize - separation * warriors + 1);
  for (let i: u32 = 1; i < warriors; i++) {
    seed = rng(seed);
    const t = <u32>(seed % room);
    let j: u32 = i - 1;
    for (; j > 0; j--) {
      if (t > getPos(j)) break;
      setPos(j + 1, getPos(j));
    }
    setPos(j + 1, t);
  }
  let add = separation;
  for (let i: u32 = 1; i < warriors; i++) {
    setPos(i, getPos(i) + add);
    add += separation;
  }
  for (let i: u32 = 1; i < warriors; i++) {
    seed = rng(seed);
    const j = <u32>(seed % <i64>(warriors - i)) + i;
    const t = getPos(j);
    setPos(j, getPos(i));
    setPos(i, t);
  }
}
