import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** zxcvbn's score (0–4) a new password must reach: 3 means about 10⁸ guesses or more. */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

// Built on first use: loading the dictionaries (common and breached passwords, words, names) takes ~0.3 s.
function passwordChecker(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return checker;
}

/**
 * Why a new password is refused, as a message key, or undefined when it will do. Offline: checked against
 * zxcvbn's lists of common and breached passwords, words and names, and for repeats, sequences and
 * keyboard patterns ("1234567890", "aaaaaaaaaa", "qwertyuiop").
 */
export function weakPasswordReason(password: string): string | undefined {
  const result = passwordChecker().check(password);
  if (result.score >= MIN_SCORE) return undefined;
  return result.sequence.some((match) => match.pattern === 'dictionary') ? 'auth.passwordCommon' : 'auth.passwordPattern';
}
