// Small hand-drawn SVG charts: a trend line chart, a sparkline, stacked bars and a heatmap.
// Each chart has a title and description for screen readers, a visible legend and axis units,
// and points that link to the raw events behind them.
import { escape } from './format.js';

export const PALETTE = ['#1d4ed8', '#c2410c', '#047857', '#7c3aed', '#b91c1c', '#0e7490'];

/** Axis ticks from 0 past the largest value, about four steps of 1, 2, 2.5 or 5 times a power of ten (of `per`). */
function ticksFor(largest, per, whole) {
  const units = largest / per;
  if (!(units > 0)) return [0, per];
  const raw = units / 4;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const nice = [1, 2, 2.5, 5, 10].find((s) => s * power >= raw) * power;
  const step = whole ? Math.max(1, Math.round(nice)) : nice;
  const n = Math.max(1, Math.ceil(units / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => i * step * per);
}

/**
 * A line chart of series over periods. series: [{name, points: [{x, y, href, label}]}];
 * format(y) prints an axis or point value; unit names the y axis.
 */
/** Axis steps for seconds: whole minutes, hours or days, whichever the largest value reads in. */
export function durationStep(max) {
  if (max >= 2 * 86400) return 86400;
  if (max >= 2 * 3600) return 3600;
  if (max >= 120) return 60;
  return 1;
}

export function lineChart({ title, series, format, unit, step, whole = false, height = 220 }) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort();
  if (!xs.length) return '';
  const width = 640, left = 64, right = 16, top = 16, bottom = 40;
  const plotW = width - left - right, plotH = height - top - bottom;
  const values = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y !== null && y !== undefined);
  const largest = Math.max(0, ...values);
  const ticks = ticksFor(largest, step ? step(largest) : 1, whole);
  const max = ticks[ticks.length - 1];
  const x = (label) => left + (xs.length === 1 ? plotW / 2 : (xs.indexOf(label) * plotW) / (xs.length - 1));
  const y = (value) => top + plotH - (value / max) * plotH;
  const every = Math.max(1, Math.ceil(xs.length / 8));
  let svg = `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t-${escape(title)}">
    <title id="t-${escape(title)}">${escape(title)}</title>`;
  for (const tick of ticks) {
    svg += `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(tick)}" y2="${y(tick)}"/>
      <text class="axis" x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${escape(format(tick))}</text>`;
  }
  xs.forEach((label, i) => {
    if (i % every === 0 || i === xs.length - 1) {
      svg += `<text class="axis" x="${x(label)}" y="${height - bottom + 16}" text-anchor="middle">${escape(label.slice(5))}</text>`;
    }
  });
  svg += `<text class="axis unit" x="${left}" y="${height - 6}">${escape(unit)}</text>`;
  // The first series is drawn last, so it stays visible where lines meet.
  [...series].reverse().forEach((s, reversed) => {
    const index = series.length - 1 - reversed;
    const color = PALETTE[index % PALETTE.length];
    const pts = s.points.filter((p) => p.y !== null && p.y !== undefined);
    if (pts.length > 1) {
      svg += `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${pts
        .map((p) => `${x(p.x)},${y(p.y)}`)
        .join(' ')}"/>`;
    }
    for (const p of pts) {
      const text = `${s.name}, ${p.x}: ${format(p.y)}${p.label ? ' (' + p.label + ')' : ''}`;
      const dot = `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="4.5" fill="${color}" stroke="#fff" stroke-width="1.5"><title>${escape(text)}</title></circle>`;
      svg += p.href ? `<a href="${escape(p.href)}" aria-label="${escape(text)}">${dot}</a>` : dot;
    }
  });
  svg += '</svg>';
  const legend = series
    .map((s, i) => `<li><span class="swatch" style="--c:${PALETTE[i % PALETTE.length]}"></span>${escape(s.name)}</li>`)
    .join('');
  return `<figure class="figure">${svg}<figcaption><ul class="legend">${legend}</ul></figcaption></figure>`;
}

/** A tiny trend line without axes; the card beside it prints the numbers. */
export function sparkline(values, label) {
  const points = values.filter((v) => v !== null && v !== undefined);
  if (points.length < 2) return '';
  const width = 120, height = 32, max = Math.max(...points), min = Math.min(...points);
  const span = max - min || 1;
  const coords = points.map((v, i) => `${(i * width) / (points.length - 1)},${height - 3 - ((v - min) / span) * (height - 6)}`);
  return `<svg class="spark" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(label)}"><polyline fill="none" stroke="#1d4ed8" stroke-width="2" points="${coords.join(' ')}"/></svg>`;
}

/**
 * Horizontal stacked bars, one per item: parts [{name, value, href}] share one scale (the largest
 * total); used for the abandonment funnel (completed, abandoned, still open of attempts started).
 */
export function stackedBars({ title, items, partNames, format }) {
  if (!items.length) return '';
  const max = Math.max(...items.map((item) => item.parts.reduce((sum, p) => sum + (p.value || 0), 0)), 1);
  const colors = ['#047857', '#b91c1c', '#a3a3a3'];
  const rows = items
    .map((item) => {
      const bars = item.parts
        .map((p, i) => {
          const w = ((p.value || 0) / max) * 100;
          if (!w) return '';
          const bar = `<span class="bar" style="width:${w}%;--c:${colors[i % colors.length]}" title="${escape(`${partNames[i]}: ${format(p.value)}`)}"></span>`;
          return p.href ? `<a href="${escape(p.href)}" aria-label="${escape(`${item.label}, ${partNames[i]}: ${format(p.value)}`)}">${bar}</a>` : bar;
        })
        .join('');
      return `<div class="stack-row"><span class="stack-label">${escape(item.label)}</span><span class="stack">${bars}</span><span class="stack-note">${escape(item.note || '')}</span></div>`;
    })
    .join('');
  const legend = partNames
    .map((name, i) => `<li><span class="swatch" style="--c:${colors[i % colors.length]}"></span>${escape(name)}</li>`)
    .join('');
  return `<figure class="figure" aria-label="${escape(title)}"><div class="stacks">${rows}</div><figcaption><ul class="legend">${legend}</ul></figcaption></figure>`;
}

/**
 * A heatmap as a table (rows × columns), so it reads with a keyboard and a screen reader: each cell
 * prints its number and links to the raw events; the colour only repeats the number.
 */
export function heatmap({ caption, rowName, rows, columns, cell }) {
  let max = 0;
  for (const r of rows) for (const c of columns) max = Math.max(max, cell(r, c)?.value || 0);
  const head = columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = columns
        .map((c) => {
          const found = cell(r, c);
          if (!found) return '<td class="heat none">·</td>';
          const strength = max ? found.value / max : 0;
          const dark = strength > 0.55;
          return `<td class="heat${dark ? ' dark' : ''}" style="--a:${(0.08 + strength * 0.85).toFixed(2)}">${found.html}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escape(r)}</th>${cells}</tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table class="heatmap"><caption>${escape(caption)}</caption><thead><tr><th scope="col">${escape(rowName)}</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
