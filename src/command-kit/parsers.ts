// commander argument parsers shared by several commands; they throw InvalidArgumentError (exit 2).
import { InvalidArgumentError } from '@commander-js/extra-typings';

/** --limit, --top, --concurrency: a whole number >= 1 (and <= max when given). */
export function positiveInt(max?: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError('expected a whole number of 1 or more');
    }
    if (max !== undefined && n > max) throw new InvalidArgumentError(`expected at most ${max}`);
    return n;
  };
}
