// `drq assemble` as a user runs it: the built CLI in a real process.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, HUMAN, needsShared, PMARS } from '../support.js';

const drq = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { input: '' });

describe('drq assemble', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drq-cli-'));
  const file = (name: string, text: string | Buffer): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('prints the listing and exits 0', () => {
    const r = drq('assemble', file('imp.red', ';name Imp\n;author me\n;assert 1\nmov.i $0, $1\n'));
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe('Program "Imp" (length 1) by "me"\n\n       ORG      START\nSTART  MOV.I  $     0, $     1     \n\n');
  });

  it('passes a non-UTF-8 name through byte for byte', () => {
    const r = drq('assemble', file('latin.red', Buffer.from(';name Avan\xe7ado\n;assert 1\ndat 0\n', 'latin1')));
    const expected = Buffer.from('Program "Avan\xe7ado" (length 1)', 'latin1');
    expect(r.stdout.subarray(0, expected.length).equals(expected)).toBe(true);
  });

  it('refuses with FILE:LINE:COL and exit 1', () => {
    const bad = file('bad.red', ';assert 1\nmov 0, 1\n  dat #0 #0\njmp nowhere\n');
    const r = drq('assemble', bad);
    expect(r.status).toBe(1);
    expect(r.stdout.toString()).toBe('');
    expect(r.stderr.toString()).toContain(`${bad}:3:10: error: Improper placement of '#'`);
  });

  it('reports an unreadable file', () => {
    const r = drq('assemble', join(dir, 'missing.red'));
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toMatch(/missing\.red: error: Unable to open file/);
  });

  it('--json describes each warrior', () => {
    const r = drq('assemble', '--json', '-s', '800', file('two.red', ';name Two\n;assert CORESIZE==800\nstart add #4, 3\njmp -1\nend start\n'));
    expect(r.status).toBe(0);
    const [w] = JSON.parse(r.stdout.toString());
    expect(w).toMatchObject({ ok: true, name: 'Two', author: 'Anonymous', length: 2, start: 0 });
    expect(w.instructions[1]).toMatchObject({ opcode: 'JMP', modifier: 'B', aMode: '$', aNumber: 799, bMode: '$', bNumber: 0 });
  });

  it('rejects bad settings as a command-line error (exit 2)', () => {
    const r = drq('assemble', '-l', '200', '-d', '100', file('x.red', 'dat 0\n'));
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toContain('min distance');
  });

  it('exits 2 on any bad command line, in every command, with commander\'s message', () => {
    for (const args of [['battle', '-r', 'abc', 'x.red'], ['report', 'x', '--serve', '--port', '99999'], ['evolve', '--bogus'], ['nosuch']]) {
      const r = drq(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.toString()).toMatch(/^error: /);
    }
    expect(drq('battle', '--help').status).toBe(0);
  });

  it('--help lists the pMARS flags and presets', () => {
    const r = drq('assemble', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['-s, --coresize', '-l, --max-length', '-8, --icws88', '94nop']) expect(r.stdout.toString()).toContain(flag);
  });

  describe.runIf(PMARS !== undefined && needsShared())('byte for byte what pmars -r 0 prints', () => {
    it.each(['advanceddwarf.red', 'acidrain.red', 'imp.red', 'validate.red', 'stone.red'].map((f) => [f]))('%s', (name) => {
      const path = join(HUMAN, name);
      const ref = spawnSync(PMARS!, ['-r', '0', path], { input: '' });
      const r = drq('assemble', path);
      expect(r.status).toBe(ref.status === 0 ? 0 : 1);
      expect(r.stdout.equals(ref.stdout)).toBe(true);
    });
  });
});
