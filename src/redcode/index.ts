// The Redcode room's public face: text in, instructions (or errors with line and column) out.

export { assembleSource, type AssembleResult, type AssemblerSettings, type Diagnostic, type Warrior } from './assembler.js';
export { encodeWarrior } from './encode.js';
export * from './instruction.js';
export { formatInstruction, formatListing } from './listing.js';
