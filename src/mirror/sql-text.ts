// Quoting for the few places SQL cannot take a bound parameter: a file name in COPY, a catalog name.
// Everything else the mirror runs is parameterised.

export const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
export const sqlIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
