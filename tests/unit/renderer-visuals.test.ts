import { describe, expect, it } from 'vitest';
import { WORKSPACE_COLORS } from '../../src/shared/domain';
import { contrastRatio, readableTextColor } from '../../src/renderer/lib/color';
import { initials } from '../../src/renderer/lib/initials';

describe('workspace chips', () => {
  it('write their initials in a colour readable on every workspace colour (WCAG AA)', () => {
    for (const color of WORKSPACE_COLORS) expect(contrastRatio(color, readableTextColor(color))).toBeGreaterThanOrEqual(4.5);
  });

  it('compute contrast like WCAG', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it('take the first letters of the first two words, or two letters of a single word', () => {
    expect(initials('Café Lumière')).toBe('CL');
    expect(initials('Mairie de Lyon')).toBe('ML');
    expect(initials('Café Lumière & Co')).toBe('CL');
    expect(initials('acme')).toBe('AC');
    expect(initials('  boulangerie-martin ')).toBe('BM');
    expect(initials('Été 2026')).toBe('É2');
    expect(initials('🎉')).toBe('?');
    expect(initials('')).toBe('?');
  });
});
