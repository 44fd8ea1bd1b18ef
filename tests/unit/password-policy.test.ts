import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '@/lib/passwords/hashing';
import { basicPasswordProblems, DEFAULT_PASSWORD_POLICY, passwordRules, type PasswordPolicy } from '@/lib/passwords/rules';

// Every check gets its policy explicitly: without one, checkPasswordPolicy reads the settings
// table, and unit tests have no database.
const ALL_CLASSES: PasswordPolicy = { minLength: 8, requiredClasses: ['lowercase', 'uppercase', 'digit', 'symbol'] };
const COMMON = 'This password is too common or too easy to guess. Add more words or characters.';

describe('basicPasswordProblems', () => {
  it('counts characters, not bytes or UTF-16 units', () => {
    // 12 characters, 24 bytes in UTF-8.
    expect(basicPasswordProblems('ÄÖÜäöüßéèêñç', DEFAULT_PASSWORD_POLICY)).toEqual([]);
    // 11 characters, 22 UTF-16 units.
    expect(basicPasswordProblems('🔑'.repeat(11), DEFAULT_PASSWORD_POLICY)).toEqual(['Use at least 12 characters.']);
    expect(basicPasswordProblems('🔑'.repeat(128), DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(basicPasswordProblems('🔑'.repeat(129), DEFAULT_PASSWORD_POLICY)).toEqual(['Use at most 128 characters.']);
  });

  it('uses the policy’s minimum length', () => {
    expect(basicPasswordProblems('eight ch', { minLength: 8, requiredClasses: [] })).toEqual([]);
    expect(basicPasswordProblems('eight ch', { minLength: 20, requiredClasses: [] })).toEqual(['Use at least 20 characters.']);
  });

  it('recognises character classes beyond ASCII', () => {
    expect(basicPasswordProblems('Ärger§ß٣', ALL_CLASSES)).toEqual([]);
    expect(basicPasswordProblems('Ωμέγα-2024', ALL_CLASSES)).toEqual([]);
    expect(basicPasswordProblems('ÄÖÜ ÉÈÊ ÑÇ', ALL_CLASSES)).toEqual(['Include a lowercase letter.', 'Include a digit.', 'Include a symbol or punctuation mark.']);
    // A space is not a symbol.
    expect(basicPasswordProblems('straße Nummer 7', ALL_CLASSES)).toEqual(['Include a symbol or punctuation mark.']);
  });

  it('reports every broken rule at once', () => {
    expect(basicPasswordProblems('abc', ALL_CLASSES)).toEqual(['Use at least 8 characters.', 'Include an uppercase letter.', 'Include a digit.', 'Include a symbol or punctuation mark.']);
  });
});

describe('passwordRules', () => {
  it('lists the length and each required class, with a check a form can run while typing', () => {
    const rules = passwordRules({ minLength: 12, requiredClasses: ['digit'] });
    expect(rules.map((rule) => rule.text)).toEqual(['12 to 128 characters; spaces are fine.', 'At least a digit.']);
    expect(rules.map((rule) => rule.met('🔑'.repeat(12)))).toEqual([true, false]);
    expect(rules.map((rule) => rule.met('🔑'.repeat(11) + '٣'))).toEqual([true, true]);
    expect(rules.map((rule) => rule.met('short 1'))).toEqual([false, true]);
  });

  it('has only the length rule by default', () => {
    expect(passwordRules(DEFAULT_PASSWORD_POLICY).map((rule) => rule.text)).toEqual(['12 to 128 characters; spaces are fine.']);
  });
});

describe('checkPasswordPolicy with a given policy', () => {
  it('applies the policy’s length and classes before anything else', async () => {
    expect(await checkPasswordPolicy('short', [], DEFAULT_PASSWORD_POLICY)).toEqual(['Use at least 12 characters.']);
    expect(await checkPasswordPolicy('twelve chars', [], DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(await checkPasswordPolicy('Grüße, Zoë! ÄÖ', [], DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(await checkPasswordPolicy('correct horse battery', [], { minLength: 12, requiredClasses: ['digit'] })).toEqual(['Include a digit.']);
    expect(await checkPasswordPolicy('correct horse battery 9', [], { minLength: 12, requiredClasses: ['digit'] })).toEqual([]);
  });

  it('refuses common passwords, whatever the length rule allows', async () => {
    for (const common of ['password1234', 'qwertyuiop12', 'iloveyou2024', 'aaaaaaaaaaaa']) {
      expect(await checkPasswordPolicy(common, [], DEFAULT_PASSWORD_POLICY)).toEqual([COMMON]);
    }
    expect(await checkPasswordPolicy('password', [], { minLength: 8, requiredClasses: [] })).toEqual([COMMON]);
    // Meeting the class rules does not make a common password acceptable.
    expect(await checkPasswordPolicy('Password123!', [], ALL_CLASSES)).toEqual([COMMON]);
  });

  it('refuses a password built from the user’s own details', async () => {
    expect(await checkPasswordPolicy('zoe.nunez1990', [], DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(await checkPasswordPolicy('zoe.nunez1990', ['zoe.nunez1990@example.com', 'Zoë', 'Núñez'], DEFAULT_PASSWORD_POLICY)).toEqual([COMMON]);
  });
});
