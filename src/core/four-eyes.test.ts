import { describe, expect, it } from 'vitest';
import { needsSecondPerson, notSecondPerson, personOf } from './four-eyes.js';

describe('notSecondPerson', () => {
  it('takes two people with keys made by a third as two people', () => {
    expect(notSecondPerson({ actor: 'key:k1 (ana)', keyMaker: 'cli:admin' }, { actor: 'key:k2 (ben)', keyMaker: 'cli:admin' })).toBeUndefined();
    expect(notSecondPerson({ actor: 'cli:ana' }, { actor: 'cli:ben' })).toBeUndefined();
  });

  it('refuses one person twice, under a label or through a key they made', () => {
    expect(notSecondPerson({ actor: 'cli:ops' }, { actor: 'cli:ops (ana)' })).toBe('cli:ops decided it');
    expect(notSecondPerson({ actor: 'cli:root' }, { actor: 'key:k2 (bob)', keyMaker: 'cli:root (setup)' })).toBe('the key of key:k2 was made by cli:root, who decided it');
    expect(notSecondPerson({ actor: 'key:k1 (ana)', keyMaker: 'cli:root' }, { actor: 'cli:root' })).toBe('the key of key:k1, who decided it, was made by cli:root');
  });

  it('reads the person an actor names', () => {
    expect(personOf('key:key_3f9a (batch team)')).toBe('key:key_3f9a');
    expect(personOf('monitor')).toBe('monitor');
  });
});

describe('needsSecondPerson', () => {
  it('asks a second analyst for a true match, and for a false positive scoring at or above the clearing score', () => {
    const rule = { on: true, clearScore: 0.9 };
    expect(needsSecondPerson(rule, 'true_match', 0.76)).toBe(true);
    expect(needsSecondPerson(rule, 'false_positive', 0.9)).toBe(true);
    expect(needsSecondPerson(rule, 'false_positive', 0.89)).toBe(false);
    expect(needsSecondPerson({ on: false, clearScore: 0.9 }, 'true_match', 1)).toBe(false);
  });
});
