import { describe, expect, it } from 'vitest';
import type { Engine, Grid } from './cells';
import { decideZone } from './decide';

// ICAO 9303 specimen (state UTO): every check digit validates.
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

const gridOf = (lines: string[]): Grid =>
  lines.map((line) => [...line].map((char) => ({ char, confidence: 90 })));
const read = (engine: Engine, lines: string[]) => ({ engine, grid: gridOf(lines) });
const decide = (...reads: { engine: Engine; grid: Grid }[]) => decideZone(reads, 'TD3', 2).reading;

describe('deciding a zone from its reads', () => {
  it('calls a zone right only when every read agrees and every check digit validates', () => {
    const reading = decide(read('legacy', TD3), read('lstm', TD3));
    expect(reading.status).toBe('ok');
    expect(reading.fields?.documentNumber).toBe('L898902C3');
    expect(reading.uncertain).toEqual([]);
  });

  it('gives a number whose check digit fails as read, flagged, and never ok', () => {
    // Printed wrong, or read wrong alike by both engines: O↔0 would pass, and must not be tried.
    const misread = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L8989O2C3')];
    const reading = decide(read('legacy', misread), read('lstm', misread));
    expect(reading.status).toBe('invalid');
    expect(reading.fields?.documentNumber).toBe('L8989O2C3');
    expect(reading.uncertain).toContain('documentNumber');
    expect(reading.uncertain).not.toContain('surname');
  });

  it('flags a number the check digit decided against what most reads saw', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L898903C3')];
    const reading = decide(read('legacy', misread), read('legacy', misread), read('lstm', TD3));
    expect(reading.status).toBe('ok');
    expect(reading.fields?.documentNumber).toBe('L898902C3');
    expect(reading.uncertain).toEqual(['documentNumber']);
  });

  it('never swaps a letter for a digit in a number to make its check digit pass', () => {
    // Printed 1 where the check digit wants 0: another read's A weighs as 0 and would pass.
    const misprinted = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L898912C3')];
    const other = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L8989A2C3')];
    const reading = decide(read('legacy', misprinted), read('legacy', misprinted), read('lstm', other));
    expect(reading.status).toBe('invalid');
    expect(reading.fields?.documentNumber).toBe('L898912C3');
    expect(reading.uncertain).toContain('documentNumber');
  });

  it('lets a check digit settle one disputed character in a number, not two', () => {
    // Two digits misread alike by most reads: the one read that saw both right is outvoted twice.
    const misread = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L878903C3')];
    const reading = decide(read('legacy', misread), read('legacy', misread), read('lstm', TD3));
    expect(reading.status).toBe('invalid');
  });

  it('corrects a letter every read saw in a date to its usual digit, and flags the date', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('7408122', '74O8122')];
    const reading = decide(read('legacy', misread), read('lstm', misread));
    expect(reading.status).toBe('ok');
    expect(reading.fields?.birthDate).toBe('1974-08-12');
    expect(reading.uncertain).toEqual(['birthDate']);
  });

  it('takes a digit one read saw in a date over another read’s letter, without a flag', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('7408122', '74O8122')];
    const reading = decide(read('legacy', misread), read('lstm', TD3));
    expect(reading.fields?.birthDate).toBe('1974-08-12');
    expect(reading.uncertain).toEqual([]);
  });

  it('flags a name that two reads read differently, though every check digit validates', () => {
    const other = [TD3[0]!.replace('ERIKSSON', 'ERIKSSEN'), TD3[1]!];
    const reading = decide(read('legacy', TD3), read('lstm', other));
    expect(reading.status).toBe('ok');
    expect(reading.uncertain).toEqual(['surname', 'givenNames']);
  });

  it('flags a state code that is no state, and gives it as read', () => {
    const other = [TD3[0]!.replace('P<UTO', 'P<UTQ'), TD3[1]!];
    const reading = decide(read('legacy', other), read('lstm', other));
    expect(reading.fields?.issuingState).toBe('UTQ');
    expect(reading.uncertain).toEqual(['issuingState']);
  });
});
