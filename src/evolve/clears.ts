// Offline templates that end in a core clear, written for drq: a stone that keeps its code
// between its own bomb lanes, an incendiary bomber, dwarfs, one-shot and .66c scanners, a
// vampire, the clear alone and a two-pass clear. Their attack phase is counted so that it stops
// before it would hit its own code; then one SPL-fed DAT clear (clearTail) wipes the core
// forever. The clear spares itself with its bomb: when the pointer comes round to its own cell,
// the bomb written there carries the offset of the cell after the clear's last line, so the
// next bomb lands beyond it.

import type { Rng } from './random.js';
import type { Drawn } from './strategies.js';

type Template = (rng: Rng, d: Drawn) => string;

/**
 * The clear, as its two data lines (pointer and bomb, placed anywhere before the code) and its
 * three code lines (placed last; a process falling into `cgo` starts clearing). The pointer
 * starts just past the clear's own lines.
 */
function clearTail(): { data: string; code: string } {
  return {
    data: `cptr    dat.f   #0, #cend-cptr
cbomb   dat.f   #0, #cend-cptr`,
    code: `cgo     spl.b   #0, 0
cloop   mov.i   cbomb, >cptr
        djn.f   cloop, >cptr
cend    equ     cloop+2`,
  };
}

/**
 * An attack loop (labelled `loop`, its lines `attack`) that runs `count` times, so that it stops
 * before it would reach its own code, then jumps into the clear; `rest` (its data) lies between.
 */
function counted(attack: string, count: number, rest: string): string {
  const { data, code } = clearTail();
  return `loop    ${attack}
        djn.b   loop, #${count}
        jmp.b   cgo, 0
${rest}
${data}
${code}
        end     loop`;
}

/** Stone: 0.33c at a mod-5 step; its nine lines sit within four cells of its pointer, so one pass of bombs never hits them. */
const gapStone: Template = (rng, d) => {
  const step = d.step(rng, [5]);
  const { data, code } = clearTail();
  return `${data}
sbomb   ${rng.pick(['dat.f   >1, >1', 'spl.b   #0, 0', 'dat.f   #0, #0'])}
stone   mov.i   sbomb, @ptr
ptr     add.ab  #${step}, #${step}
        djn.b   stone, #${Math.floor(d.size / 5) - rng.between(1, 200)}
${code}
        end     stone`;
};

/** Incendiary: a SPL 0 and a JMP back to it side by side; processes that run into them split in place until the clear comes. */
const incendiary: Template = (rng, d) => {
  const step = d.step(rng, [4]);
  return counted(`mov.i   ispl, *ip
        mov.i   ijmp, @ip
        add.f   iinc, ip`, d.lanes(step, 16), `ip      dat.f   #${step}, #${step + 1}
iinc    dat.f   #${step}, #${step}
ispl    spl.b   #0, 0
ijmp    jmp.b   -1, 0`);
};

/** After a find: an SPL carpet from the clear's pointer on, to stun what was found, then the clear. */
function carpet(rng: Rng): string {
  return `carpet  mov.i   ospl, >cptr
        djn.b   carpet, #${rng.between(8, 40)}
        jmp.b   cgo, 0
ospl    spl.b   #0, 0`;
}

/** Dwarf: a DAT (or SPL-stun) bomb every step, counted so that it stops before its own code; then the clear. */
const dwarf: Template = (rng, d) => {
  const step = d.step(rng, [4, 5]);
  return counted(`add.ab  #${step}, dbomb
        mov.i   dbomb, @dbomb`, d.lanes(step, 12), `dbomb   ${rng.chance(0.7) ? 'dat.f   #0, #0' : 'spl.b   #0, #0'}`);
};

/** Two-bomb dwarf: a SPL stun then a DAT a little behind it, at a mod-4 step, counted; then the clear. */
const twoBombDwarf: Template = (rng, d) => {
  const step = d.step(rng, [4]);
  return counted(`add.ab  #${step}, ptr
        mov.i   stun, @ptr
ptr     mov.i   kill, ${rng.between(2, 12) * 4}`, d.lanes(step, 60), `stun    spl.b   #0, #0
kill    dat.f   #0, #0`);
};

/** One-shot: a cell every three cycles, stopping before its own code; at a find an SPL carpet, then the clear. */
const oneShot: Template = (rng, d) => {
  const step = d.step(rng, [4, 5]);
  return counted(`add.ab  #${step}, cptr
        jmn.f   found, @cptr`, d.lanes(step, 20), `found   sub.ab  #${rng.between(2, 10)}, cptr
${carpet(rng)}`);
};

/** .66c scanner: two cells half a step apart every three cycles; at the first difference an SPL carpet, then the clear from there. */
const twoEyes: Template = (rng, d) => {
  const step = 2 * rng.between(3, 8);
  const at = rng.between(20, 200);
  const { data, code } = clearTail();
  return `inc     dat.f   #${step}, #${step}
loop    add.f   inc, scan
scan    sne.i   ${at}, ${at + step / 2}
        djn.b   loop, #${Math.floor(d.size / step)}
        mov.ab  scan, cptr
        add.ab  #scan-cptr-${rng.between(2, 10)}, cptr
${carpet(rng)}
${data}
${code}
        end     loop`;
};

/** Vampire: JMP fangs at a step, each aimed at its pit (A + B stays the pit's offset); then the clear, which wipes the pit too. */
const vampire: Template = (rng, d) => {
  const step = d.step(rng, rng.pick([[4], [5], [2]]));
  return counted(`add.f   vinc, fang
        mov.i   fang, @fang`, d.lanes(step, 14), `fang    jmp.b   pit, 0
vinc    dat.f   #-${step}, #${step}
pit     spl.b   #0, 0
        jmp.b   pit, 0`);
};

/** SPL/DAT core clear: the clear alone, from the first cycle. */
const coreClear: Template = () => {
  const { data, code } = clearTail();
  return `${data}
${code}
        end     cgo`;
};

/** Two-pass clear: one single-process pass of SPL stuns over the core, then the DAT clear for good. */
const twoPass: Template = (rng, d) => {
  const { data, code } = clearTail();
  return `${data}
cspl    spl.b   #0, #cend-cptr
pass    mov.i   cspl, >cptr
        djn.b   pass, #${d.size - rng.between(8, 12)}
${code}
        end     pass`;
};

export const CLEARING = {
  bomber: [gapStone, incendiary, dwarf, twoBombDwarf],
  scanner: [oneShot, twoEyes],
  vampire: [vampire],
  clear: [coreClear, twoPass],
};
