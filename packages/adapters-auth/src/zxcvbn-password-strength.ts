import type { PasswordStrength, PasswordStrengthEstimator } from '@tradesense/application';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/**
 * zxcvbn's estimate (common passwords, names, words, keyboard walks, dates,
 * repeats and the person's own data). The dictionaries load once per
 * process; an estimate takes a few milliseconds.
 */
export class ZxcvbnPasswordStrength implements PasswordStrengthEstimator {
  readonly #zxcvbn = new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });

  estimate(password: string, personalInputs: readonly string[]): PasswordStrength {
    const result = this.#zxcvbn.check(password, [...personalInputs]);
    return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
  }
}
