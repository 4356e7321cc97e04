const UNITS = [
  { name: 'd', seconds: 86_400 },
  { name: 'h', seconds: 3_600 },
  { name: 'min', seconds: 60 },
  { name: 's', seconds: 1 },
] as const;

/** An age in whole seconds as a person reads it: its two largest units ("3 h 12 min", "45 s"); "–" for none. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return '–';
  const first = UNITS.findIndex((unit) => seconds >= unit.seconds);
  if (first === -1) return '0 s';
  const major = UNITS[first]!;
  const minor = UNITS[first + 1];
  const rest = minor ? Math.floor((seconds % major.seconds) / minor.seconds) : 0;
  return `${Math.floor(seconds / major.seconds)} ${major.name}${minor && rest > 0 ? ` ${rest} ${minor.name}` : ''}`;
}
