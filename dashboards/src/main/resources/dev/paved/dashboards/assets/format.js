// Numbers as the pages print them; every printed number also keeps its exact value in data-value.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function count(value) {
  return value === null || value === undefined ? '–' : integer.format(value);
}

export function decimal(value) {
  return value === null || value === undefined ? '–' : two.format(value);
}

/** Seconds as the largest unit that keeps the number readable: s, min, h or d. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const abs = Math.abs(seconds);
  if (abs < 90) return integer.format(seconds) + ' s';
  if (abs < 90 * 60) return one.format(seconds / 60) + ' min';
  if (abs < 48 * 3600) return one.format(seconds / 3600) + ' h';
  return one.format(seconds / 86400) + ' d';
}

export function percent(fraction) {
  return fraction === null || fraction === undefined ? '–' : one.format(fraction * 100) + ' %';
}

export function perDay(value) {
  return value === null || value === undefined ? '–' : two.format(value) + ' / day';
}

export function escape(text) {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function dateTime(text) {
  if (!text) return '–';
  return text.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, ' $2').trim();
}
