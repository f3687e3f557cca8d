// The cell's bit layout and the opcode/modifier/mode numbers (ICWS'94 draft §2, with
// pMARS 0.9.2's EXT94 additions SEQ/SNE/NOP/LDP/STP and the modes * { }).
// This file is the single source of truth; src/redcode/encode.ts mirrors it.
//
// A load image is a flat list of triples [opword, A-number, B-number], numbers already
// normalised to 0..coresize-1. The opword packs everything that is not a number:
//
//    15 14 13 12 11 10  9   8  7  6   5  4  3   2  1  0
//   [ 0  |   opcode (5)   | modifier | A-mode  | B-mode  ]
//
//   opword >> 6 = opcode*8 + modifier   the dense dispatch key (pMARS's opcode byte)
//   (opword >> 3) & 7                   A-mode
//   opword & 7                          B-mode
//
// The numbering is pMARS's enum order, so CMP (9) and SEQ (14) stay distinct opcodes:
// they execute alike, but SEQ.I / CMP.I / MOV.I see them as different instructions.

export const OP_MOV: u32 = 0;
export const OP_ADD: u32 = 1;
export const OP_SUB: u32 = 2;
export const OP_MUL: u32 = 3;
export const OP_DIV: u32 = 4;
export const OP_MOD: u32 = 5;
export const OP_JMZ: u32 = 6;
export const OP_JMN: u32 = 7;
export const OP_DJN: u32 = 8;
export const OP_CMP: u32 = 9;
export const OP_SLT: u32 = 10;
export const OP_SPL: u32 = 11;
export const OP_DAT: u32 = 12;
export const OP_JMP: u32 = 13;
export const OP_SEQ: u32 = 14;
export const OP_SNE: u32 = 15;
export const OP_NOP: u32 = 16;
export const OP_LDP: u32 = 17;
export const OP_STP: u32 = 18;
export const OPCODE_COUNT: u32 = 19;

export const MOD_A: u32 = 0;
export const MOD_B: u32 = 1;
export const MOD_AB: u32 = 2;
export const MOD_BA: u32 = 3;
export const MOD_F: u32 = 4;
export const MOD_X: u32 = 5;
export const MOD_I: u32 = 6;

export const MODE_IMMEDIATE: u32 = 0; // #
export const MODE_DIRECT: u32 = 1; // $
export const MODE_B_INDIRECT: u32 = 2; // @
export const MODE_B_PREDEC: u32 = 3; // <
export const MODE_B_POSTINC: u32 = 4; // >
export const MODE_A_INDIRECT: u32 = 5; // *
export const MODE_A_PREDEC: u32 = 6; // {
export const MODE_A_POSTINC: u32 = 7; // }

export const OPWORD_LIMIT: u32 = OPCODE_COUNT << 9;

// @ts-ignore: decorator
@inline
export function opword(opcode: u32, modifier: u32, aMode: u32, bMode: u32): u32 {
  return (opcode << 9) | (modifier << 6) | (aMode << 3) | bMode;
}

/** The dispatch key of opcode.modifier, as used in the simulator's switch. */
// @ts-ignore: decorator
@inline
export function key(opcode: u32, modifier: u32): u32 {
  return (opcode << 3) | modifier;
}

/** Every empty core cell: DAT.F $0,$0. */
export const EMPTY_OPWORD: u32 = (OP_DAT << 9) | (MOD_F << 6) | (MODE_DIRECT << 3) | MODE_DIRECT;

/** pMARS's mode byte in its checksum (-f): `*{}` carry the 0x80 "A-field" flag. */
// @ts-ignore: decorator
@inline
export function pmarsModeByte(mode: u32): u32 {
  return mode >= MODE_A_INDIRECT ? (mode - 3) | 0x80 : mode;
}
