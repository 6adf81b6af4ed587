import { describe, expect, it } from 'vitest';
import { maskDocumentNumber } from './masking';

describe('masking', () => {
  it('masks a passport number as the guide shows it', () => {
    expect(maskDocumentNumber('RE1234590')).toBe('RE***90');
  });
  it('shows nothing of a number too short to keep any of it', () => {
    expect(maskDocumentNumber('1234')).toBe('***');
  });
});
