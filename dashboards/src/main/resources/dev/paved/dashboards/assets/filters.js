// The view's filters live in the URL, so a view can be shared by its address.
import { query } from './api.js';
import { escape } from './format.js';

export const FILTER_NAMES = ['team', 'service', 'from', 'to', 'granularity', 'tz'];

/** The filters of the current address: team and service as lists, the rest as strings. */
export function current() {
  const search = new URLSearchParams(location.search);
  return {
    team: search.getAll('team').filter(Boolean),
    service: search.getAll('service').filter(Boolean),
    from: search.get('from') || '',
    to: search.get('to') || '',
    granularity: search.get('granularity') || '',
    tz: search.get('tz') || '',
  };
}

/** The API parameters of the filters (empty ones left to the API's defaults). */
export function apiParams(filters, extra) {
  const params = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (Array.isArray(value) ? value.length : value) params[name] = value;
  }
  return Object.assign(params, extra || {});
}

/** The next period's first day after `period` (YYYY-MM-DD) for a granularity. */
export function periodEnd(period, granularity) {
  const [y, m, d] = period.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (granularity === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (granularity === 'month') date.setUTCMonth(date.getUTCMonth() + 1);
  else date.setUTCDate(date.getUTCDate() + 7);
  return date.toISOString().slice(0, 10);
}

/**
 * The time range of one row's period, clipped to the answer's range: the first and last period
 * of a range may be partial, and the drill-down must show exactly the events behind the number.
 */
export function periodRange(answer, period) {
  const end = periodEnd(period, answer.granularity);
  return {
    from: answer.from.slice(0, 10) >= period ? answer.from : period,
    to: answer.to.slice(0, 10) <= end ? answer.to : end,
  };
}

/** The address of the raw events behind a number: the drill-down page with the API's filters. */
export function drill(answer, params) {
  const base = { tz: answer.tz, from: answer.from, to: answer.to };
  for (const name of ['team', 'service']) {
    const given = (answer.filters || {})[name];
    if (given && given.length) base[name] = given;
  }
  return '/dashboards/events?' + query(Object.assign(base, params));
}

/** A number that links to its raw events and keeps its exact value for tests and copy. */
export function number(text, value, href, key, label) {
  const data = `data-key="${escape(key)}" data-value="${value === null || value === undefined ? '' : escape(value)}"`;
  const aria = label ? ` aria-label="${escape(label + ': ' + text + ' — show the raw events')}"` : '';
  if (!href || value === null || value === undefined) return `<span class="num" ${data}>${escape(text)}</span>`;
  return `<a class="num" href="${escape(href)}" ${data}${aria}>${escape(text)}</a>`;
}

/** Builds the filter bar; submitting it loads the address with the new filters. */
export function renderForm(form, filters, teams, services) {
  const option = (value, label, selected) =>
    `<option value="${escape(value)}"${selected ? ' selected' : ''}>${escape(label)}</option>`;
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  form.innerHTML = `
    <div class="field"><label for="f-team">Team</label>
      <select id="f-team" name="team">${option('', 'All teams', !filters.team.length)}${teams
        .map((t) => option(t, t, filters.team.includes(t)))
        .join('')}</select></div>
    <div class="field"><label for="f-service">Service</label>
      <select id="f-service" name="service">${option('', 'All services', !filters.service.length)}${services
        .map((s) => option(s, s, filters.service.includes(s)))
        .join('')}</select></div>
    <div class="field"><label for="f-from">From</label>
      <input id="f-from" name="from" type="date" value="${escape(filters.from.slice(0, 10))}"></div>
    <div class="field"><label for="f-to">To (exclusive)</label>
      <input id="f-to" name="to" type="date" value="${escape(filters.to.slice(0, 10))}"></div>
    <div class="field"><label for="f-granularity">Periods</label>
      <select id="f-granularity" name="granularity">
        ${option('', 'Weeks', !filters.granularity)}${option('day', 'Days', filters.granularity === 'day')}${option(
          'week', 'Weeks (ISO)', filters.granularity === 'week')}${option('month', 'Months', filters.granularity === 'month')}
      </select></div>
    <div class="field"><label for="f-tz">Time zone</label>
      <input id="f-tz" name="tz" list="f-zones" value="${escape(filters.tz)}" placeholder="UTC" autocomplete="off">
      <datalist id="f-zones">${zones.map((z) => `<option value="${escape(z)}"></option>`).join('')}</datalist></div>
    <div class="actions"><button type="submit">Apply</button>
      <a class="reset" href="${location.pathname}">Reset</a></div>`;
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams(location.search);
    for (const name of FILTER_NAMES) {
      next.delete(name);
      const value = String(data.get(name) || '').trim();
      if (value) next.set(name, value);
    }
    location.search = next.toString();
  });
}
