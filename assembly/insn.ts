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
// In the core, a cell's 32-bit opword word also carries a fast-path tag in bits 16-23 (see
// "Fast paths" below); images and the host never do.
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

// Fast paths. Bits 16-23 of a cell's opword word hold a tag naming a hand-specialised execution
// of one of the commonest instructions (its modes fixed, so no operand tests and no opcode
// switch): sim.ts dispatches on the tag first and runs every other instruction on the general
// path (tag 0). The tag is a function of the opword, added whenever a cell is made from one
// (core.ts's packCell: loading, the empty core, the host's setCell) and carried along by MOV.I's
// whole-cell copy, so comparing whole cells (SEQ.I) stays exact. The host never sees it.
export const FAST_NONE: u32 = 0;
export const FAST_MOV_I_DD: u32 = 1; // MOV.I $ $
export const FAST_MOV_I_DI: u32 = 2; // MOV.I $ @
export const FAST_MOV_I_DP: u32 = 3; // MOV.I $ <
export const FAST_MOV_I_DAP: u32 = 4; // MOV.I $ {
export const FAST_MOV_I_DN: u32 = 5; // MOV.I $ >
export const FAST_MOV_I_DAN: u32 = 6; // MOV.I $ }
export const FAST_MOV_I_PP: u32 = 7; // MOV.I < <
export const FAST_MOV_I_APP: u32 = 8; // MOV.I { <
export const FAST_MOV_I_ANN: u32 = 9; // MOV.I } >
export const FAST_MOV_AB_ID: u32 = 10; // MOV.AB # $
export const FAST_ADD_AB_ID: u32 = 11; // ADD.AB # $
export const FAST_ADD_F_DD: u32 = 12; // ADD.F $ $
export const FAST_SPL_DS: u32 = 13; // SPL $ with # or $
export const FAST_SPL_DP: u32 = 14; // SPL $ <
export const FAST_SPL_IS: u32 = 15; // SPL # with # or $
export const FAST_JMP_DS: u32 = 16; // JMP $ with # or $
export const FAST_JMP_DP: u32 = 17; // JMP $ <
export const FAST_JMP_DN: u32 = 18; // JMP $ >
export const FAST_DJN_B_DD: u32 = 19; // DJN.B $ $
export const FAST_DJN_B_DP: u32 = 20; // DJN.B $ <
export const FAST_DAT: u32 = 21; // DAT with # or $ operands (no side effects: the process dies)
export const FAST_DAT_PP: u32 = 22; // DAT < < (both decrements, then the process dies)
export const FAST_JMZ_B_DD: u32 = 23; // JMZ.B and JMZ.AB $ $
export const FAST_JMN_B_DD: u32 = 24; // JMN.B and JMN.AB $ $
export const FAST_DJN_B_DI: u32 = 25; // DJN.B $ #
export const FAST_MOV_I_ID: u32 = 26; // MOV.I # $ (an imp written with #: drq's generated imps)
export const FAST_MOV_I_BP: u32 = 27; // MOV.I @ <
export const FAST_SUB_AB_ID: u32 = 28; // SUB.AB # $
export const FAST_JMZ_B_DB: u32 = 29; // JMZ.B and JMZ.AB $ @
export const FAST_JMZ_B_BD: u32 = 30; // JMZ.B and JMZ.AB @ $
export const FAST_SPL_BS: u32 = 31; // SPL @ with # or $
export const FAST_JMP_BS: u32 = 32; // JMP @ with # or $
export const FAST_SEQ_I_DD: u32 = 33; // SEQ.I (CMP.I) $ $
export const FAST_SEQ_I_DB: u32 = 34; // SEQ.I (CMP.I) $ @
export const FAST_SEQ_I_PP: u32 = 35; // SEQ.I (CMP.I) < <
export const FAST_DAT_PS: u32 = 36; // DAT < with # or $ (the decrement, then the process dies)
export const FAST_JMZ_B_DP: u32 = 37; // JMZ.B and JMZ.AB $ < (a scanner's loop)
export const OPWORD_MASK: u32 = 0xFFFF;

/** The fast-path tag of an opword (FAST_NONE for the general path). */
export function fastPath(op: u32): u32 {
  const opcode = op >> 9;
  const modifier = (op >> 6) & 7;
  const aMode = (op >> 3) & 7;
  const bMode = op & 7;
  const plainA = aMode == MODE_IMMEDIATE || aMode == MODE_DIRECT;
  const plainB = bMode == MODE_IMMEDIATE || bMode == MODE_DIRECT;
  if (opcode == OP_MOV && modifier == MOD_I) {
    if (aMode == MODE_IMMEDIATE) return bMode == MODE_DIRECT ? FAST_MOV_I_ID : FAST_NONE;
    if (aMode == MODE_DIRECT) {
      if (bMode == MODE_DIRECT) return FAST_MOV_I_DD;
      if (bMode == MODE_B_INDIRECT) return FAST_MOV_I_DI;
      if (bMode == MODE_B_PREDEC) return FAST_MOV_I_DP;
      if (bMode == MODE_A_PREDEC) return FAST_MOV_I_DAP;
      if (bMode == MODE_B_POSTINC) return FAST_MOV_I_DN;
      if (bMode == MODE_A_POSTINC) return FAST_MOV_I_DAN;
    }
    if (bMode == MODE_B_PREDEC && aMode == MODE_B_PREDEC) return FAST_MOV_I_PP;
    if (bMode == MODE_B_PREDEC && aMode == MODE_B_INDIRECT) return FAST_MOV_I_BP;
    if (bMode == MODE_B_PREDEC && aMode == MODE_A_PREDEC) return FAST_MOV_I_APP;
    if (bMode == MODE_B_POSTINC && aMode == MODE_A_POSTINC) return FAST_MOV_I_ANN;
    return FAST_NONE;
  }
  if (op == opword(OP_MOV, MOD_AB, MODE_IMMEDIATE, MODE_DIRECT)) return FAST_MOV_AB_ID;
  if (op == opword(OP_ADD, MOD_AB, MODE_IMMEDIATE, MODE_DIRECT)) return FAST_ADD_AB_ID;
  if (op == opword(OP_SUB, MOD_AB, MODE_IMMEDIATE, MODE_DIRECT)) return FAST_SUB_AB_ID;
  if (op == opword(OP_ADD, MOD_F, MODE_DIRECT, MODE_DIRECT)) return FAST_ADD_F_DD;
  if (op == opword(OP_DJN, MOD_B, MODE_DIRECT, MODE_DIRECT)) return FAST_DJN_B_DD;
  if (op == opword(OP_DJN, MOD_B, MODE_DIRECT, MODE_B_PREDEC)) return FAST_DJN_B_DP;
  if (op == opword(OP_DJN, MOD_B, MODE_DIRECT, MODE_IMMEDIATE)) return FAST_DJN_B_DI;
  // .AB tests the B operand's B-number, as .B does.
  const direct = aMode == MODE_DIRECT && bMode == MODE_DIRECT;
  if (opcode == OP_JMZ && (modifier == MOD_B || modifier == MOD_AB)) {
    if (direct) return FAST_JMZ_B_DD;
    if (aMode == MODE_DIRECT && bMode == MODE_B_INDIRECT) return FAST_JMZ_B_DB;
    if (aMode == MODE_B_INDIRECT && bMode == MODE_DIRECT) return FAST_JMZ_B_BD;
    if (aMode == MODE_DIRECT && bMode == MODE_B_PREDEC) return FAST_JMZ_B_DP;
  }
  // CMP is SEQ under another name.
  if ((opcode == OP_SEQ || opcode == OP_CMP) && modifier == MOD_I) {
    if (direct) return FAST_SEQ_I_DD;
    if (aMode == MODE_DIRECT && bMode == MODE_B_INDIRECT) return FAST_SEQ_I_DB;
    if (aMode == MODE_B_PREDEC && bMode == MODE_B_PREDEC) return FAST_SEQ_I_PP;
  }
  if (opcode == OP_JMN && (modifier == MOD_B || modifier == MOD_AB) && direct) return FAST_JMN_B_DD;
  // SPL, JMP and DAT do the same whatever their modifier (a modifier 7 cell is no DAT).
  if (modifier > MOD_I) return FAST_NONE;
  if (opcode == OP_DAT) {
    if (plainA && plainB) return FAST_DAT;
    if (aMode != MODE_B_PREDEC) return FAST_NONE;
    return plainB ? FAST_DAT_PS : bMode == MODE_B_PREDEC ? FAST_DAT_PP : FAST_NONE;
  }
  if (opcode == OP_SPL) {
    if (aMode == MODE_IMMEDIATE) return plainB ? FAST_SPL_IS : FAST_NONE;
    if (aMode == MODE_DIRECT) return plainB ? FAST_SPL_DS : bMode == MODE_B_PREDEC ? FAST_SPL_DP : FAST_NONE;
    return aMode == MODE_B_INDIRECT && plainB ? FAST_SPL_BS : FAST_NONE;
  }
  if (opcode == OP_JMP && aMode == MODE_B_INDIRECT && plainB) return FAST_JMP_BS;
  if (opcode == OP_JMP && aMode == MODE_DIRECT) {
    if (plainB) return FAST_JMP_DS;
    if (bMode == MODE_B_PREDEC) return FAST_JMP_DP;
    if (bMode == MODE_B_POSTINC) return FAST_JMP_DN;
  }
  return FAST_NONE;
}

/** Every empty core cell: DAT.F $0,$0. */
export const EMPTY_OPWORD: u32 = (OP_DAT << 9) | (MOD_F << 6) | (MODE_DIRECT << 3) | MODE_DIRECT;

/** pMARS's mode byte in its checksum (-f): `*{}` carry the 0x80 "A-field" flag. */
// @ts-ignore: decorator
@inline
export function pmarsModeByte(mode: u32): u32 {
  return mode >= MODE_A_INDIRECT ? (mode - 3) | 0x80 : mode;
}
