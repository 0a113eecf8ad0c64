// Options several commands share, defined once so their flags and help read the same everywhere.
import { Option } from '@commander-js/extra-typings';

/** --no-csv-guard (query, actor, keys, summary, export). */
export const csvGuardOption = () => new Option('--no-csv-guard', "don't prefix CSV cells starting with = + - @ with a quote");

/** --file (query, actor, summary): an export re-sliced offline. */
export const fileOption = () =>
  new Option('--file <path>', 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API');
