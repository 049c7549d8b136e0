// The four dashboards and the raw-event drill-down. Each page reads the read API with the
// filters of its address and prints every number as a link to the raw events behind it.
import { get } from './api.js';
import { durationStep, heatmap, lineChart, sparkline, stackedBars } from './charts.js';
import { apiParams, drill, number, periodEnd, periodRange } from './filters.js';
import { count, dateTime, decimal, duration, escape, percent, perDay } from './format.js';

const LEVELS = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

const SEND = {
  '/delivery': 'Send <code>deploy</code> events (with the <code>change_ids</code> they ship), the <code>change</code> events they name, and <code>incident</code> events (opened, resolved).',
  '/onboarding/developers': 'Send <code>developer</code> events with <code>action: joined</code>, and the <code>change</code> and <code>deploy</code> events of the work that follows.',
  '/onboarding/service-bootstrap': 'Send a <code>usage</code> event with <code>feature: service-template</code>, <code>action: started</code> and <code>attributes.service</code> naming the new service, then that service\'s first production <code>deploy</code>.',
  '/workflows/abandonment': 'Send <code>usage</code> events for every workflow attempt, all with one <code>run_id</code>: <code>action</code> started, step (with <code>step</code>), completed or failed (with <code>error</code>).',
  '/workflows/stuck-points': 'Send <code>usage</code> events with a <code>run_id</code> and a <code>step</code> for each step of a workflow, <code>failed</code> ones with their <code>error</code>, and <code>ticket</code> events naming the <code>feature</code>.',
  '/features/adoption': 'Send <code>usage</code> events naming the <code>feature</code> used (<code>action: used</code>, or the steps of a workflow).',
  '/surveys': 'Send <code>survey</code> events, one per answer: <code>question</code>, <code>score</code>, <code>scale_min</code> and <code>scale_max</code>.',
  '/tickets': 'Send <code>ticket</code> events (opened, resolved, reopened) with the <code>feature</code> they concern and their <code>kind</code> (request, problem, question).',
  '/deviations/clusters': 'Send <code>deviation</code> events when a team leaves the golden path: <code>component</code>, <code>golden_path</code>, <code>actual</code> and a free-text <code>reason</code>.',
  '/scorecard': 'Send <code>deviation</code> events (started, ended) and the services\' <code>deploy</code> events; the share counts services with no active deviation.',
};

function sendHint(path) {
  return SEND[path] || SEND['/delivery'];
}

/** An empty state that says why there is nothing and what to send. */
function empty(result, what) {
  if (result.missing) {
    return `<div class="empty" data-empty="missing" data-path="${escape(result.path)}"><p><strong>Not available yet.</strong> This Paved server does not serve <code>/api/v1${escape(result.path)}</code> yet, so ${escape(what)} cannot be shown.</p><p>${sendHint(result.path)}</p></div>`;
  }
  if (result.problem) {
    return `<div class="empty error" data-empty="problem"><p><strong>${escape(result.problem.title || 'The API failed')}.</strong> ${escape(result.problem.detail || '')}</p></div>`;
  }
  return `<div class="empty" data-empty="no-data" data-path="${escape(result.path)}"><p><strong>No data for these filters.</strong> Nothing to show for ${escape(what)} in this period.</p><p>${sendHint(result.path)}</p></div>`;
}

function hasRows(result) {
  return result.body && result.body.rows && result.body.rows.length > 0;
}

function ignoredNote(result) {
  const ignored = (result.ignored || []).filter((n) => n === 'team' || n === 'service');
  if (!ignored.length) return '';
  return `<p class="note">Not filtered by ${ignored.join(' or ')}: these events do not carry it.</p>`;
}

function panel(id, title, body, note) {
  return `<section class="panel" aria-labelledby="${id}"><h2 id="${id}">${escape(title)}</h2>${note ? `<p class="panel-note">${note}</p>` : ''}${body}</section>`;
}

function sourceName(source) {
  if (!source) return 'the DORA report';
  if (typeof source === 'string') return source;
  return [source.title, source.year].filter(Boolean).join(', ') || 'the DORA report';
}

function levelBadge(level) {
  if (!level) return '<span class="level none">not graded</span>';
  return `<span class="level ${escape(level)}">${escape(LEVELS[level] || level)}</span>`;
}

function lowNote(row) {
  return row && row.low_confidence ? ' <span class="low" title="rests on fewer facts than the minimum count">low confidence</span>' : '';
}

function granularityWord(answer) {
  return { day: 'day', week: 'week', month: 'month' }[answer.granularity] || 'period';
}

/**
 * The change of a trend's last period against the one before, with a word that says whether it
 * is better: colour repeats the word, never replaces it.
 */
function change(rows, field, higherIsBetter, format, answer) {
  let values = rows.filter((r) => r[field] !== null && r[field] !== undefined);
  const word = granularityWord(answer);
  // A last period cut short by the range's end (the current week, say) is not compared: a
  // partial week against a whole one would read as a fall.
  const last = values[values.length - 1];
  const partial = last && periodEnd(last.period, answer.granularity) > answer.to.slice(0, 10);
  if (partial) values = values.slice(0, -1);
  const note = partial ? `<span class="partial" title="the ${word} of ${escape(last.period)} is cut short by the range's end">current ${word} not compared</span>` : '';
  if (values.length < 2) return `<p class="trend-text">Not enough whole periods for a trend.${note}</p>`;
  const latest = values[values.length - 1], previous = values[values.length - 2];
  const delta = latest[field] - previous[field];
  const better = delta === 0 ? 'same' : (delta > 0) === higherIsBetter ? 'better' : 'worse';
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '■';
  return `<p class="trend-text">${word[0].toUpperCase() + word.slice(1)} of ${escape(latest.period)}: <strong data-key="latest.${escape(field)}" data-value="${escape(latest[field])}">${escape(format(latest[field]))}</strong>; previous: ${escape(format(previous[field]))} <span class="delta ${better}">${arrow} ${better === 'same' ? 'no change' : better}</span>${note}</p>`;
}

function plural(n, one, many) {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function subtitle(ctx, answer) {
  const who = answer.filters && answer.filters.team && answer.filters.team.length ? 'Team ' + answer.filters.team.join(', ') : 'Organisation';
  const services = answer.filters && answer.filters.service && answer.filters.service.length ? ' · service ' + answer.filters.service.join(', ') : '';
  return `${who}${services} · ${rangeText(answer)} · by ${granularityWord(answer)}`;
}

/** The range as people read it: whole days shown as dates, the exclusive end as the last day. */
export function rangeText(answer) {
  const midnight = (t) => /T00:00:00(\.000)?(Z|[+-]\d\d:\d\d)$/.test(t);
  if (midnight(answer.from) && midnight(answer.to)) {
    const [y, m, d] = answer.to.slice(0, 10).split('-').map(Number);
    const last = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    return `${answer.from.slice(0, 10)} to ${last} (${answer.tz})`;
  }
  return `${dateTime(answer.from)} to ${dateTime(answer.to)} (${answer.tz}, end excluded)`;
}

function freshness(answer) {
  const asOf = answer.as_of || {};
  return asOf.event_time ? `Data up to event time ${dateTime(asOf.event_time)}; last stored ${dateTime(asOf.processed_at)}.` : 'No events stored yet.';
}

// ---------------------------------------------------------------- scorecard

const KEYS = [
  { key: 'deployment_frequency', title: 'Deployment frequency', format: perDay, path: '/delivery/deployments', field: 'count', trendFormat: count, higher: true, facts: 'successful production deploys', fact: 'successful production deploy', type: 'deploy' },
  { key: 'lead_time', title: 'Lead time for changes', format: duration, path: '/delivery/lead-time', field: 'median', trendFormat: duration, higher: false, facts: 'changes shipped', fact: 'change shipped', type: 'deploy', unit: 'median' },
  { key: 'change_failure_rate', title: 'Change failure rate', format: percent, path: '/delivery/change-failure-rate', field: 'rate', trendFormat: percent, higher: false, facts: 'production deploys', fact: 'production deploy', type: 'deploy' },
  { key: 'recovery_time', title: 'Failed deployment recovery time', format: duration, path: '/delivery/recovery-time', field: 'median', trendFormat: duration, higher: false, facts: 'incidents resolved', fact: 'incident resolved', type: 'incident', unit: 'median' },
];

export async function scorecard(ctx) {
  const params = apiParams(ctx.filters);
  const [levels, byTeam, deployments, leadTime, failureRate, recovery, onboarding, bootstrap, card] =
    await Promise.all([
      get('/delivery/levels', params),
      get('/delivery/levels', apiParams(ctx.filters, { group_by: 'team' })),
      get('/delivery/deployments', params),
      get('/delivery/lead-time', params),
      get('/delivery/change-failure-rate', params),
      get('/delivery/recovery-time', params),
      get('/onboarding/developers', apiParams(ctx.filters, { granularity: 'month' })),
      get('/onboarding/service-bootstrap', params),
      get('/scorecard', params),
    ]);
  const trends = { '/delivery/deployments': deployments, '/delivery/lead-time': leadTime, '/delivery/change-failure-rate': failureRate, '/delivery/recovery-time': recovery };
  const answer = levels.body;
  ctx.header(subtitle(ctx, answer), freshness(answer), answer);
  const environments = (deployments.body && deployments.body.environments) || [];
  const rows = answer.rows;
  const overall = rows.length ? rows[0].overall : null;

  const cards = KEYS.map((k) => {
    const row = rows.find((r) => r.key === k.key) || {};
    const trend = trends[k.path];
    const trendRows = (trend.body && trend.body.rows) || [];
    const extra = k.type === 'deploy' ? { type: 'deploy', environment: environments } : { type: 'incident' };
    const value = number(k.format(row.value), row.value, drill(answer, extra), 'levels.' + k.key, k.title);
    return `<article class="card" data-card="${k.key}">
      <h3>${escape(k.title)}</h3>
      <div class="value">${value}</div>
      <div class="card-meta">${levelBadge(row.level)} <span class="basis">${k.unit ? escape(k.unit) + ' over ' : 'over '}${number(count(row.count), row.count, drill(answer, extra), 'levels.' + k.key + '.count', k.facts)} ${escape(row.count === 1 ? k.fact : k.facts)}${lowNote(row)}</span></div>
      <div class="trend">${sparkline(trendRows.map((r) => r[k.field]), k.title + ' per ' + granularityWord(trend.body || answer))}${change(trendRows, k.field, k.higher, k.trendFormat, trend.body || answer)}</div>
    </article>`;
  }).join('');

  const dora = `<section class="panel dora" aria-labelledby="dora-h">
    <div class="panel-head"><h2 id="dora-h">Delivery performance (DORA keys)</h2>
      <p class="overall">Overall level ${levelBadge(overall)}</p></div>
    <p class="panel-note">Over the whole range; levels against the thresholds of ${escape(sourceName(answer.source))}. Each number opens the events behind it.</p>
    <div class="cards">${rows.every((r) => r.value === null) ? empty({ path: '/delivery' }, 'delivery performance') : cards}</div>
  </section>`;

  const dx = [
    targetCard(card, 'golden-path', 'golden_path_share', 'Services on the golden path'),
    targetCard(card, 'abandonment', 'abandonment_rate', 'Workflow abandonment rate'),
    targetCard(card, 'tickets', 'ticket_load', 'Support ticket load'),
    targetCard(card, 'surveys', 'survey_mean', 'Developer survey means'),
    onboardingCard(onboarding),
    bootstrapCard(bootstrap),
  ].join('');
  const when = card.body && card.body.periods ? periodWord(card.body).current : 'the latest period';
  ctx.render(targetsPanel(card) + dora + `<section class="panel" aria-labelledby="dx-h"><h2 id="dx-h">Developer experience</h2><p class="panel-note">${escape(when[0].toUpperCase() + when.slice(1))} against the ${escape(granularityWord(card.body || answer))} before and its target; onboarding and bootstrap by their latest cohort and period.</p><div class="cards">${dx}</div></section>` + teamsTable(byTeam));
}

function dxCard(key, title, body) {
  return `<article class="card" data-card="${key}"><h3>${escape(title)}</h3>${body}</article>`;
}

function onboardingCard(result) {
  const title = 'Developer onboarding';
  if (!hasRows(result)) return dxCard('onboarding', title, empty(result, 'onboarding time'));
  const answer = result.body;
  const reached = answer.rows.filter((r) => r.milestone === 'first_deploy' && r.median !== null);
  const row = reached.length ? reached[reached.length - 1] : answer.rows.filter((r) => r.milestone === 'first_deploy').pop();
  if (!row) return dxCard('onboarding', title, empty({ path: '/onboarding/developers' }, 'onboarding time'));
  const range = periodRange(answer, row.period);
  const href = drill(answer, { type: 'developer', action: 'joined', from: range.from, to: range.to });
  return dxCard('onboarding', title, `<div class="value">${number(duration(row.median), row.median, href, 'onboarding.first_deploy.median', 'Median time to first production deploy')}</div>
    <p class="basis">median time from joining to the first production deploy, cohort of ${escape(row.period.slice(0, 7))}: ${number(count(row.count), row.count, href, 'onboarding.first_deploy.count', 'developers joined')} joined, ${count(row.reached)} there, ${count(row.still_onboarding)} still onboarding${lowNote(row)}</p>`);
}

function bootstrapCard(result) {
  const title = 'Service bootstrap (idea to running service)';
  if (!hasRows(result)) return dxCard('bootstrap', title, empty(result, 'service bootstrap time'));
  const answer = result.body;
  const row = answer.rows[answer.rows.length - 1];
  const range = periodRange(answer, row.period);
  const href = drill(answer, { type: 'usage', feature: 'service-template', from: range.from, to: range.to });
  return dxCard('bootstrap', title, `<div class="value">${number(duration(row.median), row.median, href, 'bootstrap.median', 'Median service bootstrap time')}</div>
    <p class="basis">median, ${granularityWord(answer)} of ${escape(row.period)}, over ${number(count(row.count), row.count, href, 'bootstrap.count', 'services bootstrapped')} ${row.count === 1 ? 'service' : 'services'}${lowNote(row)}</p>
    <div class="trend">${sparkline(answer.rows.map((r) => r.median), 'bootstrap median per period')}${change(answer.rows, 'median', false, duration, answer)}</div>`);
}

function sum(rows, field) {
  return rows.reduce((total, r) => total + (r[field] || 0), 0);
}

// The scorecard's rows (/scorecard): one period against the one before and each metric's target.
const METRIC_NAMES = {
  deployment_frequency: 'Deployment frequency',
  lead_time: 'Lead time for changes',
  change_failure_rate: 'Change failure rate',
  recovery_time: 'Failed deployment recovery time',
  onboarding_first_change: 'Onboarding: first change',
  onboarding_first_deploy: 'Onboarding: first production deploy',
  onboarding_tenth_change: 'Onboarding: tenth change',
  abandonment_rate: 'Workflow abandonment rate',
  survey_mean: 'Survey',
  ticket_load: 'Support ticket load',
  golden_path_share: 'Services on the golden path',
};

const METRIC_BASIS = {
  deployment_frequency: ['production deploy', 'production deploys', { type: 'deploy' }],
  lead_time: ['change shipped', 'changes shipped', { type: 'deploy' }],
  change_failure_rate: ['production deploy', 'production deploys', { type: 'deploy' }],
  recovery_time: ['incident resolved', 'incidents resolved', { type: 'incident' }],
  onboarding_first_change: ['developer joined', 'developers joined', { type: 'developer', action: 'joined' }],
  onboarding_first_deploy: ['developer joined', 'developers joined', { type: 'developer', action: 'joined' }],
  onboarding_tenth_change: ['developer joined', 'developers joined', { type: 'developer', action: 'joined' }],
  abandonment_rate: ['attempt started', 'attempts started', { type: 'usage', action: 'started' }],
  survey_mean: ['response', 'responses', { type: 'survey' }],
  ticket_load: ['ticket opened', 'tickets opened', { type: 'ticket', action: 'opened' }],
  golden_path_share: ['service', 'services', { type: 'deviation' }],
};

const STATUS_WORDS = { met: 'On target', near: 'Near target', missed: 'Off target' };

function metricName(row) {
  return row.metric === 'survey_mean' ? 'Survey: ' + questionName(row.question) : METRIC_NAMES[row.metric] || row.metric;
}

function metricKey(row) {
  return 'scorecard.' + row.metric + (row.question ? '.' + row.question : '');
}

/** A value in its row's unit. */
function inUnit(row, value) {
  switch (row.unit) {
    case 'seconds': return duration(value);
    case 'fraction': return percent(value);
    case 'deploys per day': return perDay(value);
    case 'tickets per 100 active developers': return value === null || value === undefined ? '–' : decimal(value) + ' per 100 devs';
    default: return decimal(value);
  }
}

/** The change in the row's unit (fractions in percentage points) and whether it is better. */
function changeText(row) {
  if (row.change === null || row.change === undefined) return '<span class="delta same">no comparison</span>';
  const d = row.change;
  const better = d === 0 ? 'same' : (d > 0) === (row.better === 'higher') ? 'better' : 'worse';
  const arrow = d > 0 ? '▲' : d < 0 ? '▼' : '■';
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  const size = row.unit === 'fraction' ? decimal(Math.abs(d) * 100) + ' pts' : inUnit(row, Math.abs(d));
  return `<span class="delta ${better}" data-key="${escape(metricKey(row))}.change" data-value="${escape(d)}">${arrow} ${sign}${escape(size)} ${better === 'same' ? 'no change' : better}</span>`;
}

function statusBadge(row) {
  if (!row.status) return '<span class="status-badge none" data-status="">No data</span>';
  return `<span class="status-badge ${escape(row.status)}" data-key="${escape(metricKey(row))}.status" data-status="${escape(row.status)}">${escape(STATUS_WORDS[row.status])}</span>`;
}

function targetText(row) {
  return `${row.better === 'higher' ? '≥' : '≤'} ${escape(inUnit(row, row.target))}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period as people say it: "March 2026", "the week of 2026-03-02", "2026-03-02". */
function periodName(period, granularity) {
  if (!period) return '–';
  if (granularity === 'month') return MONTHS[Number(period.slice(5, 7)) - 1] + ' ' + period.slice(0, 4);
  if (granularity === 'week') return 'the week of ' + period;
  return period;
}

function periodWord(answer) {
  const p = answer.periods || {};
  const current = p.current || {};
  return {
    current: periodName(current.period, answer.granularity),
    previous: periodName((p.previous || {}).period, answer.granularity),
    complete: current.complete,
    word: granularityWord(answer),
  };
}

const QUESTIONS = { nps: 'NPS (mean score)', csat: 'CSAT', ease_of_use: 'Ease of use', cognitive_load: 'Cognitive load' };

function questionName(question) {
  const known = QUESTIONS[question];
  if (known) return known;
  const words = question.replace(/[_.-]/g, ' ');
  return words[0].toUpperCase() + words.slice(1);
}

function rowDrill(answer, row, which) {
  const period = (answer.periods || {})[which] || {};
  const extra = Object.assign({}, METRIC_BASIS[row.metric][2], { from: period.from, to: period.to });
  // A deviation active at the period's end may have started long before it.
  if (row.metric === 'golden_path_share') extra.from = undefined;
  return drill(answer, extra);
}

/** A card for one scorecard row: value, status against the target, the previous period. */
function targetCard(result, card, metric, title) {
  if (result.missing || result.problem) return dxCard(card, title, empty(result, title.toLowerCase()));
  const answer = result.body;
  const rows = answer.rows.filter((r) => r.metric === metric);
  if (!rows.length || rows.every((r) => r.value === null && r.previous === null)) {
    return dxCard(card, title, empty({ path: metric === 'survey_mean' ? '/surveys' : metric === 'ticket_load' ? '/tickets' : metric === 'abandonment_rate' ? '/workflows/abandonment' : '/scorecard' }, title.toLowerCase()));
  }
  const words = periodWord(answer);
  if (metric === 'survey_mean') {
    const items = rows
      .map((r) => `<li class="survey-row"><span class="q">${escape(questionName(r.question))}</span> <span class="score">${number(inUnit(r, r.value), r.value, rowDrill(answer, r, 'current'), metricKey(r), metricName(r))}</span> ${statusBadge(r)}<span class="ci">target ${targetText(r)} · previous ${escape(inUnit(r, r.previous))} · ${count(r.count)} ${r.count === 1 ? 'response' : 'responses'}${r.change_significant ? ' · <strong>significant change</strong>' : ''}${lowNote(r)}</span></li>`)
      .join('');
    return dxCard(card, title, `<ul class="survey-list">${items}</ul><p class="basis">Mean score per question, ${escape(words.current)}</p>`);
  }
  const row = rows[0];
  const [one, many] = METRIC_BASIS[metric];
  const href = rowDrill(answer, row, 'current');
  return dxCard(card, title, `<div class="value">${number(inUnit(row, row.value), row.value, href, metricKey(row), title)}</div>
    <div class="card-meta">${statusBadge(row)} <span class="basis">target ${targetText(row)}</span></div>
    <p class="basis">${escape(words.current[0].toUpperCase() + words.current.slice(1))}, over ${number(count(row.count), row.count, href, metricKey(row) + '.count', many)} ${escape(row.count === 1 ? one : many)}${lowNote(row)}</p>
    <p class="basis">${escape(words.previous[0].toUpperCase() + words.previous.slice(1))}: <span data-key="${escape(metricKey(row))}.previous" data-value="${row.previous === null ? '' : escape(row.previous)}">${escape(inUnit(row, row.previous))}</span> ${changeText(row)}</p>`);
}

/** Every scorecard row against its target: what leadership reads first. */
function targetsPanel(result) {
  const title = 'Against targets';
  if (!hasRows(result)) return panel('targets-h', title, empty(result, 'the scorecard'));
  const answer = result.body;
  const words = periodWord(answer);
  const met = answer.rows.filter((r) => r.status === 'met').length;
  const graded = answer.rows.filter((r) => r.status).length;
  const body = answer.rows
    .map((r) => `<tr data-status="${escape(r.status || '')}"><th scope="row">${escape(metricName(r))}</th><td>${number(inUnit(r, r.value), r.value, rowDrill(answer, r, 'current'), metricKey(r) + '.row', metricName(r))}${lowNote(r)}</td><td>${escape(inUnit(r, r.previous))}</td><td>${changeText(r)}</td><td class="nowrap">${targetText(r)}</td><td>${statusBadge(r)}${r.level ? ' ' + levelBadge(r.level) : ''}</td><td>${count(r.count)} ${escape(r.count === 1 ? METRIC_BASIS[r.metric][0] : METRIC_BASIS[r.metric][1])}</td></tr>`)
    .join('');
  const partial = words.complete === false ? ` <span class="partial-inline">(in progress: up to ${escape(dateTime(answer.periods.current.to))})</span>` : '';
  return `<section class="panel targets" aria-labelledby="targets-h"><div class="panel-head"><h2 id="targets-h">${escape(title)}: ${escape(words.current)}${partial}</h2>
    <p class="overall"><span data-key="scorecard.met" data-value="${met}">${count(met)}</span> of ${count(graded)} metrics on target</p></div>
    <p class="panel-note">Each metric for ${escape(words.current)} against ${escape(words.previous)}. Near: within 10 % of the target. Targets are settings (<code>scorecard.target.*</code>); onboarding is the cohort that joined in the period.</p>
    <div class="table-wrap"><table class="data scorecard"><caption>Value, the ${escape(words.word)} before, change, target and status per metric</caption><thead><tr><th scope="col">Metric</th><th scope="col">${escape(words.current.replace(/^the /, ''))}</th><th scope="col">${escape(words.previous.replace(/^the /, ''))}</th><th scope="col">Change</th><th scope="col">Target</th><th scope="col">Status</th><th scope="col">Based on</th></tr></thead><tbody>${body}</tbody></table></div></section>`;
}

function teamsTable(result) {
  if (!hasRows(result)) return '';
  const answer = result.body;
  const teams = [...new Set(answer.rows.map((r) => r.team))];
  const body = teams
    .map((team) => {
      const rows = answer.rows.filter((r) => r.team === team);
      const cells = KEYS.map((k) => {
        const r = rows.find((x) => x.key === k.key) || {};
        return `<td>${escape(k.format(r.value))} ${r.level ? levelBadge(r.level) : ''}</td>`;
      }).join('');
      const link = team === null ? 'no team' : `<a href="?${new URLSearchParams(Object.assign(Object.fromEntries(new URLSearchParams(location.search)), { team })).toString()}">${escape(team)}</a>`;
      return `<tr><th scope="row">${link}</th><td>${levelBadge(rows[0].overall)}</td>${cells}</tr>`;
    })
    .join('');
  return panel('teams-h', 'Teams at a glance', `<div class="table-wrap"><table class="data"><caption>DORA keys per team over the range; choose a team to open its scorecard.</caption>
    <thead><tr><th scope="col">Team</th><th scope="col">Overall</th>${KEYS.map((k) => `<th scope="col">${escape(k.title)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>`);
}

// ---------------------------------------------------------------- product

export async function product(ctx) {
  const params = apiParams(ctx.filters);
  const [adoption, abandonment, surveys, tickets, clusters, bootstrap, onboarding] = await Promise.all([
    get('/features/adoption', params),
    get('/workflows/abandonment', params),
    get('/surveys', params),
    get('/tickets', params),
    get('/deviations/clusters', params),
    get('/onboarding/service-bootstrap', params),
    get('/onboarding/developers', apiParams(ctx.filters, { granularity: 'month' })),
  ]);
  const first = [bootstrap, onboarding, adoption].find((r) => r.body);
  if (first) ctx.header(subtitle(ctx, first.body), freshness(first.body), first.body);
  const panels = [
    [adoption, adoptionPanel], [abandonment, funnelPanel], [bootstrap, bootstrapPanel], [onboarding, onboardingPanel],
    [surveys, surveysPanel], [tickets, ticketsPanel], [clusters, clustersSummary],
  ];
  // Panels with data first; those still waiting for an endpoint or events go together at the end.
  const ready = panels.filter(([result]) => hasRows(result)).map(([result, draw]) => draw(result)).join('');
  const waiting = panels.filter(([result]) => !hasRows(result)).map(([result, draw]) => draw(result)).join('');
  ctx.render(ready + (waiting ? `<div class="waiting" aria-label="Panels waiting for data">${waiting}</div>` : ''));
}

function adoptionPanel(result) {
  const title = 'Feature adoption';
  if (!hasRows(result)) return panel('adoption-h', title, empty(result, 'feature adoption'));
  const answer = result.body;
  const features = [...new Set(answer.rows.map((r) => r.feature))].sort();
  const chart = lineChart({
    title: 'Weekly active developers per feature',
    series: features.map((f) => ({
      name: f,
      points: answer.rows.filter((r) => r.feature === f).map((r) => ({ x: r.period, y: r.active_developers })),
    })),
    format: count,
    whole: true,
    unit: 'active developers per ' + granularityWord(answer),
  });
  // The latest period in which anyone used a feature: a quiet last week would show only zeros.
  const active = answer.rows.filter((r) => r.active_developers > 0);
  const last = active.length ? active[active.length - 1].period : answer.rows[answer.rows.length - 1].period;
  const latest = { last, rows: answer.rows.filter((r) => r.period === last) };
  const range = periodRange(answer, latest.last);
  const body = latest.rows
    .map((r) => {
      const href = drill(answer, { type: 'usage', feature: r.feature, from: range.from, to: range.to });
      return `<tr><th scope="row">${escape(r.feature)}</th><td>${number(count(r.active_developers), r.active_developers, href, 'adoption.' + r.feature + '.developers', 'active developers')}</td><td>${count(r.active_teams)}</td><td>${count(r.churned_developers)}</td></tr>`;
    })
    .join('');
  return panel('adoption-h', title, chart + `<div class="table-wrap"><table class="data"><caption>${escape(periodName(latest.last, answer.granularity))}, the latest ${granularityWord(answer)} with activity; churned: used in the 28 days before the previous 28 and not since</caption><thead><tr><th scope="col">Feature</th><th scope="col">Active developers</th><th scope="col">Active teams</th><th scope="col">Churned developers</th></tr></thead><tbody>${body}</tbody></table></div>`, ignoredNote(result));
}

function funnelPanel(result) {
  const title = 'Workflow abandonment funnel';
  if (!hasRows(result)) return panel('funnel-h', title, empty(result, 'the abandonment funnel'));
  const answer = result.body;
  const features = [...new Set(answer.rows.map((r) => r.feature))].sort();
  const totals = features.map((f) => {
    const rows = answer.rows.filter((r) => r.feature === f);
    return { feature: f, started: sum(rows, 'count'), completed: sum(rows, 'completed'), abandoned: sum(rows, 'abandoned'), open: sum(rows, 'open') };
  });
  const items = totals.map((t) => ({
    label: t.feature,
    note: `${percent(t.started ? t.abandoned / t.started : null)} abandoned of ${count(t.started)}`,
    parts: [
      { value: t.completed, href: drill(answer, { type: 'usage', feature: t.feature, action: 'completed' }) },
      { value: t.abandoned, href: drill(answer, { type: 'usage', feature: t.feature }) },
      { value: t.open, href: drill(answer, { type: 'usage', feature: t.feature }) },
    ],
  }));
  const body = totals
    .map((t) => {
      const href = drill(answer, { type: 'usage', feature: t.feature, action: 'started' });
      const rate = t.started ? t.abandoned / t.started : null;
      return `<tr><th scope="row">${escape(t.feature)}</th><td>${number(count(t.started), t.started, href, 'funnel.' + t.feature + '.started', 'attempts started')}</td><td>${count(t.completed)}</td><td>${count(t.abandoned)}</td><td>${count(t.open)}</td><td>${number(percent(rate), rate, href, 'funnel.' + t.feature + '.rate', 'abandonment rate')}</td></tr>`;
    })
    .join('');
  return panel('funnel-h', title,
    stackedBars({ title: 'Attempts started per feature and how they ended', items, partNames: ['completed', 'abandoned (24 h without an event)', 'still open'], format: count }) +
      `<div class="table-wrap"><table class="data"><caption>Attempts started over the whole range</caption><thead><tr><th scope="col">Feature</th><th scope="col">Started</th><th scope="col">Completed</th><th scope="col">Abandoned</th><th scope="col">Open</th><th scope="col">Abandonment rate</th></tr></thead><tbody>${body}</tbody></table></div>`,
    ignoredNote(result) + ' <a href="/dashboards/stuck-points' + escape(location.search) + '">Where do they get stuck?</a>');
}

function surveysPanel(result) {
  const title = 'Developer surveys';
  if (!hasRows(result)) return panel('surveys-h', title, empty(result, 'survey scores'));
  const answer = result.body;
  const body = answer.rows
    .map((r) => {
      const range = periodRange(answer, r.period);
      const href = drill(answer, { type: 'survey', from: range.from, to: range.to });
      return `<tr><td>${escape(r.period)}</td><th scope="row">${escape(r.question)}</th><td>${number(count(r.count), r.count, href, 'surveys.' + r.period + '.' + r.question + '.count', 'responses')}</td><td>${number(decimal(r.mean), r.mean, href, 'surveys.' + r.period + '.' + r.question + '.mean', 'mean')}</td><td>${decimal(r.ci_low)} – ${decimal(r.ci_high)}</td><td>${r.nps === null || r.nps === undefined ? '–' : decimal(r.nps)}</td><td>${r.change_significant ? 'yes' : 'no'}</td></tr>`;
    })
    .join('');
  return panel('surveys-h', title, `<div class="table-wrap"><table class="data"><caption>Mean score per question and period, with its 95 % confidence interval</caption><thead><tr><th scope="col">Period</th><th scope="col">Question</th><th scope="col">Responses</th><th scope="col">Mean</th><th scope="col">95 % CI</th><th scope="col">NPS</th><th scope="col">Significant change</th></tr></thead><tbody>${body}</tbody></table></div>`, ignoredNote(result));
}

function ticketsPanel(result) {
  const title = 'Support tickets';
  if (!hasRows(result)) return panel('tickets-h', title, empty(result, 'support tickets'));
  const answer = result.body;
  const body = answer.rows
    .map((r) => {
      const range = periodRange(answer, r.period);
      const href = drill(answer, { type: 'ticket', feature: r.feature, from: range.from, to: range.to });
      return `<tr><td>${escape(r.period)}</td><th scope="row">${escape(r.feature)}</th><td>${escape(r.kind)}</td><td>${number(count(r.opened), r.opened, href, 'tickets.' + r.period + '.' + r.feature + '.' + r.kind + '.opened', 'opened')}</td><td>${count(r.resolved)}</td><td>${duration(r.median)}</td><td>${duration(r.p90)}</td><td>${percent(r.reopen_rate)}</td><td>${decimal(r.per_100_active_developers)}</td><td>${percent(r.request_share)}</td></tr>`;
    })
    .join('');
  return panel('tickets-h', title, `<div class="table-wrap"><table class="data"><caption>Tickets per period, feature and kind; time to resolution</caption><thead><tr><th scope="col">Period</th><th scope="col">Feature</th><th scope="col">Kind</th><th scope="col">Opened</th><th scope="col">Resolved</th><th scope="col">Median resolution</th><th scope="col">p90 resolution</th><th scope="col">Reopened</th><th scope="col">Per 100 active developers</th><th scope="col">Request share</th></tr></thead><tbody>${body}</tbody></table></div>`, ignoredNote(result));
}

function members(value) {
  if (Array.isArray(value)) return { n: value.length, list: value };
  return { n: value, list: [] };
}

/** A cluster's teams: the count with the names (team_names) the API lists beside it. */
function teamsOf(cluster) {
  return Array.isArray(cluster.team_names) ? { n: cluster.teams, list: cluster.team_names } : members(cluster.teams);
}

function clustersSummary(result) {
  const title = 'Golden-path deviation clusters';
  if (!hasRows(result)) return panel('clusters-h', title, empty(result, 'deviation clusters'));
  const rows = [...result.body.rows].sort((a, b) => teamsOf(b).n - teamsOf(a).n).slice(0, 5);
  const body = rows
    .map((r) => `<li><strong>${escape(r.component)}</strong>: ${escape(r.golden_path)} → ${escape([].concat(r.replacements || []).join(', '))} · ${count(teamsOf(r).n)} teams (${escape(teamsOf(r).list.join(', '))})${r.widen_candidate ? ' <span class="level high">widen the golden path?</span>' : ''}</li>`)
    .join('');
  return panel('clusters-h', title, `<ul class="plain">${body}</ul><p><a href="/dashboards/clusters${escape(location.search)}">All clusters with their members</a></p>`);
}

function bootstrapPanel(result) {
  const title = 'Service bootstrap: idea to running service';
  if (!hasRows(result)) return panel('bootstrap-h', title, empty(result, 'service bootstrap time'));
  const answer = result.body;
  const href = (r) => {
    const range = periodRange(answer, r.period);
    return drill(answer, { type: 'usage', feature: 'service-template', from: range.from, to: range.to });
  };
  const chart = lineChart({
    title: 'Service bootstrap time per ' + granularityWord(answer),
    series: [
      { name: 'median', points: answer.rows.map((r) => ({ x: r.period, y: r.median, href: href(r), label: plural(r.count, 'service', 'services') })) },
      { name: 'p90', points: answer.rows.map((r) => ({ x: r.period, y: r.p90, href: href(r) })) },
    ],
    format: duration,
    step: durationStep,
    unit: 'time from template start to first production deploy',
  });
  const body = answer.rows
    .map((r) => `<tr><td>${escape(r.period)}</td><td>${number(count(r.count), r.count, href(r), 'bootstrap.' + r.period + '.count', 'services')}</td><td>${number(duration(r.median), r.median, href(r), 'bootstrap.' + r.period + '.median', 'median')}</td><td>${number(duration(r.p90), r.p90, href(r), 'bootstrap.' + r.period + '.p90', 'p90')}</td><td>${duration(r.mean)}</td><td>${count(r.completed_without_deploy)}</td></tr>`)
    .join('');
  return panel('bootstrap-h', title, `<div class="split">${chart}<div class="table-wrap"><table class="data"><caption>Services whose bootstrap ended in the period</caption><thead><tr><th scope="col">Period</th><th scope="col">Services</th><th scope="col">Median</th><th scope="col">p90</th><th scope="col">Mean</th><th scope="col">Ended without a deploy</th></tr></thead><tbody>${body}</tbody></table></div></div>`, ignoredNote(result));
}

function onboardingPanel(result) {
  const title = 'Developer onboarding by join cohort';
  if (!hasRows(result)) return panel('onboarding-h', title, empty(result, 'onboarding time'));
  const answer = result.body;
  const names = { first_change: 'First change', first_deploy: 'First production deploy', tenth_change: 'Tenth change' };
  const body = answer.rows
    .map((r) => {
      const range = periodRange(answer, r.period);
      const href = drill(answer, { type: 'developer', action: 'joined', from: range.from, to: range.to });
      return `<tr><td>${escape(r.period.slice(0, 7))}</td><th scope="row">${escape(names[r.milestone] || r.milestone)}</th><td>${number(count(r.count), r.count, href, 'onboarding.' + r.period + '.' + r.milestone + '.count', 'developers joined')}</td><td>${count(r.reached)}</td><td>${count(r.still_onboarding)}</td><td>${r.median === null ? 'not reached' : duration(r.median)}</td><td>${r.p90 === null ? 'not reached' : duration(r.p90)}</td></tr>`;
    })
    .join('');
  return panel('onboarding-h', title, `<div class="table-wrap"><table class="data"><caption>Kaplan–Meier median and p90 time from joining; developers still onboarding are censored, not dropped</caption><thead><tr><th scope="col">Cohort</th><th scope="col">Milestone</th><th scope="col">Joined</th><th scope="col">Reached</th><th scope="col">Still onboarding</th><th scope="col">Median</th><th scope="col">p90</th></tr></thead><tbody>${body}</tbody></table></div>`, ignoredNote(result));
}

// ---------------------------------------------------------------- stuck points

export async function stuckPoints(ctx) {
  const params = apiParams(ctx.filters);
  const [stuck, activity] = await Promise.all([get('/workflows/stuck-points', params), get('/activity', params)]);
  const header = stuck.body || activity.body;
  if (header) ctx.header(subtitle(ctx, header), freshness(header), header);
  if (!hasRows(stuck)) {
    const failures = await get('/events', apiParams(ctx.filters, { type: 'usage', action: 'failed', limit: 25 }));
    ctx.render(
      panel('heat-h', 'Where developers abandon workflows', empty(stuck, 'stuck points')) +
        rawPanel('failures-h', 'Latest workflow failures (raw events)', failures, [
          ['Time', (e) => dateTime(e.time)], ['Feature', (e) => e.feature], ['Step', (e) => e.step],
          ['Error', (e) => e.error], ['Team', (e) => e.team], ['Developer', (e) => e.actor], ['Run', (e) => e.run_id],
        ], 'Until the stuck-point metrics are served, these are the failed workflow steps as they arrived.'),
    );
    return;
  }
  const answer = stuck.body;
  const features = [...new Set(answer.rows.map((r) => r.feature))].sort();
  const steps = [...new Set(answer.rows.map((r) => r.step))];
  const totals = new Map();
  for (const r of answer.rows) {
    const key = r.feature + '\u0000' + r.step;
    totals.set(key, (totals.get(key) || 0) + (r.abandoned_here || 0));
  }
  const map = heatmap({
    caption: 'Abandoned attempts by the step they ended at, over the whole range (darker: more)',
    rowName: 'Feature',
    rows: features,
    columns: steps,
    cell: (feature, step) => {
      const key = feature + '\u0000' + step;
      if (!totals.has(key)) return null;
      const value = totals.get(key);
      const href = drill(answer, { type: 'usage', feature, step });
      return { value, html: number(count(value), value, href, 'heat.' + feature + '.' + step, `${feature}, ${step}, abandoned here`) };
    },
  });
  const rows = [...answer.rows].sort((a, b) => (b.abandoned_here || 0) - (a.abandoned_here || 0));
  const body = rows
    .map((r) => {
      const range = periodRange(answer, r.period);
      const at = { type: 'usage', feature: r.feature, step: r.step, from: range.from, to: range.to };
      const errors = (r.top_errors || []).map((e) => `<li><code>${escape(e.error)}</code> × ${count(e.count)}</li>`).join('');
      return `<tr><td>${escape(r.period)}</td><th scope="row">${escape(r.feature)}</th><td>${escape(r.step)}</td><td>${number(count(r.abandoned_here), r.abandoned_here, drill(answer, at), 'stuck.' + r.period + '.' + r.feature + '.' + r.step + '.abandoned', 'abandoned here')}</td><td>${duration(r.dwell_median)}</td><td>${duration(r.dwell_p90)}</td><td>${number(count(r.failures), r.failures, drill(answer, Object.assign({}, at, { action: 'failed' })), 'stuck.' + r.period + '.' + r.feature + '.' + r.step + '.failures', 'failures')}</td><td><ul class="errors">${errors}</ul></td><td>${number(count(r.ticket_within_48h), r.ticket_within_48h, drill(answer, { type: 'ticket', feature: r.feature, from: range.from }), 'stuck.' + r.period + '.' + r.feature + '.' + r.step + '.tickets', 'tickets within 48 hours')}</td></tr>`;
    })
    .join('');
  ctx.render(
    panel('heat-h', 'Where developers abandon workflows', map, ignoredNote(stuck)) +
      panel('steps-h', 'Steps in detail', `<div class="table-wrap"><table class="data"><caption>Per period, feature and step, the most abandoned first: time spent at the step (to the run's next event), failures and their most common errors, and abandoning developers who opened a ticket on the feature within 48 hours</caption><thead><tr><th scope="col">Period</th><th scope="col">Feature</th><th scope="col">Step</th><th scope="col">Abandoned here</th><th scope="col">Dwell median</th><th scope="col">Dwell p90</th><th scope="col">Failures</th><th scope="col">Top errors</th><th scope="col">Ticket within 48 h</th></tr></thead><tbody>${body}</tbody></table></div>`),
  );
}

// ---------------------------------------------------------------- deviation clusters

export async function clusters(ctx) {
  const params = apiParams(ctx.filters);
  const [found, activity] = await Promise.all([get('/deviations/clusters', params), get('/activity', params)]);
  const header = found.body || activity.body;
  if (header) {
    const refresh = found.body && found.body.refresh;
    const who = subtitle(ctx, header).split(' · ')[0];
    // Clusters describe the present (the latest refresh): the range does not apply to them.
    const line = refresh ? `${who} · active deviations as of the latest refresh (event time ${dateTime(refresh.clock)}); the dates and periods above do not apply` : subtitle(ctx, header);
    ctx.header(line, freshness(header), activity.body || header);
  }
  if (!hasRows(found)) {
    const deviations = await get('/events', apiParams(ctx.filters, { type: 'deviation', limit: 50 }));
    ctx.render(
      panel('clusters-h', 'Teams that left the golden path the same way', empty(found, 'deviation clusters')) +
        rawPanel('deviations-h', 'Latest deviations (raw events)', deviations, [
          ['Time', (e) => dateTime(e.time)], ['Team', (e) => e.team], ['Service', (e) => e.service],
          ['Component', (e) => e.component], ['Golden path → instead', (e) => `${e.golden_path} → ${e.actual}`],
          ['Reason', (e) => e.reason], ['Action', (e) => e.action],
        ], 'Until the clusters are served, these are the deviation events as they arrived, newest first.'),
    );
    return;
  }
  const answer = found.body;
  const rows = [...answer.rows].sort((a, b) => (b.widen_candidate ? 1 : 0) - (a.widen_candidate ? 1 : 0) || teamsOf(b).n - teamsOf(a).n);
  const body = rows
    .map((r) => {
      const teams = teamsOf(r), services = members(r.services);
      const href = drill(answer, { type: 'deviation', team: teams.list.length ? teams.list : undefined });
      return `<tr><th scope="row"><code>${escape(r.cluster_id)}</code></th><td>${escape(r.component)}</td><td>${escape(r.golden_path)} → ${escape([].concat(r.replacements || []).join(', '))}</td><td>${number(count(teams.n), teams.n, href, 'cluster.' + r.cluster_id + '.teams', 'teams')}<div class="members">${teams.list.map(escape).join(', ')}</div></td><td>${count(services.n)}<div class="members">${services.list.map(escape).join(', ')}</div></td><td>${escape([].concat(r.terms || []).join(', '))}</td><td>${dateTime(r.first_seen)}</td><td>${r.growth_30d === null || r.growth_30d === undefined ? '–' : '+' + count(r.growth_30d)}</td><td>${r.widen_candidate ? '<span class="level high">yes</span>' : 'no'}</td></tr>`;
    })
    .join('');
  ctx.render(panel('clusters-h', 'Teams that left the golden path the same way', `<div class="table-wrap"><table class="data"><caption>Active deviations grouped by component, replacement and reasons; clusters of three teams or more are candidates for widening the golden path</caption><thead><tr><th scope="col">Cluster</th><th scope="col">Component</th><th scope="col">Golden path → instead</th><th scope="col">Teams</th><th scope="col">Services</th><th scope="col">Reason terms</th><th scope="col">First seen</th><th scope="col">Growth, 30 days</th><th scope="col">Widen?</th></tr></thead><tbody>${body}</tbody></table></div>`));
}

// ---------------------------------------------------------------- raw events

/** A table of raw events (one page of /events) with a link to the drill-down that pages on. */
function rawPanel(id, title, result, columns, note) {
  if (!result.body) return panel(id, title, empty(result, 'the events'));
  const answer = result.body;
  const params = Object.assign({}, answer.filters || {});
  for (const name of ['type', 'action']) {
    const first = answer.rows[0];
    if (first && first[name] && !params[name]) params[name] = first[name];
  }
  const more = drill(answer, params);
  if (!answer.rows.length) {
    return panel(id, title, `<div class="empty" data-empty="no-data"><p><strong>No such events in this period.</strong></p></div>`, escape(note));
  }
  const body = answer.rows
    .map((e) => `<tr>${columns.map(([, cell]) => `<td>${escape(cell(e) ?? '–')}</td>`).join('')}</tr>`)
    .join('');
  return panel(id, title, `<div class="table-wrap"><table class="data raw" data-key="${id}.rows" data-value="${answer.rows.length}"><caption>${count(answer.rows.length)} newest events</caption><thead><tr>${columns
    .map(([name]) => `<th scope="col">${escape(name)}</th>`)
    .join('')}</tr></thead><tbody>${body}</tbody></table></div><p><a href="${escape(more)}">All these events, page by page</a></p>`, escape(note));
}

const EVENT_FILTERS = ['type', 'team', 'service', 'feature', 'step', 'actor', 'action', 'run_id', 'environment', 'from', 'to', 'tz'];

export async function events(ctx) {
  const search = new URLSearchParams(location.search);
  const params = {};
  for (const name of EVENT_FILTERS) {
    const values = search.getAll(name).filter(Boolean);
    if (values.length) params[name] = values.length === 1 ? values[0] : values;
  }
  params.limit = 50;
  const cursor = search.get('cursor');
  if (cursor) params.cursor = cursor;
  const result = await get('/events', params);
  if (result.problem) {
    ctx.render(panel('events-h', 'Events', empty(result, 'the events')));
    return;
  }
  const answer = result.body;
  const chips = Object.entries(params)
    .filter(([name]) => name !== 'limit' && name !== 'cursor')
    .map(([name, value]) => `<li><span>${escape(name)}</span> ${escape([].concat(value).join(', '))}</li>`)
    .join('');
  ctx.header(`The raw events behind a number, newest first · ${rangeText(answer)}`, freshness(answer));
  const known = new Set(['id', 'type', 'time', 'team', 'service', 'actor', 'received_at', 'sender']);
  const body = answer.rows
    .map((e) => {
      const detail = Object.entries(e)
        .filter(([k]) => !known.has(k))
        .map(([k, v]) => `<span class="kv"><span>${escape(k)}</span> ${escape(typeof v === 'object' ? JSON.stringify(v) : v)}</span>`)
        .join(' ');
      return `<tr><td class="nowrap">${dateTime(e.time)}</td><td>${escape(e.type)}</td><td>${escape(e.team || '–')}</td><td>${escape(e.service || '–')}</td><td>${escape(e.actor || '–')}</td><td class="detail">${detail}</td><td><code>${escape(e.id)}</code></td></tr>`;
    })
    .join('');
  const next = answer.next_cursor ? (() => { const s = new URLSearchParams(location.search); s.set('cursor', answer.next_cursor); return `<a class="button" href="?${escape(s.toString())}">Next ${answer.rows.length} events</a>`; })() : '<span class="note">Last page.</span>';
  const table = answer.rows.length
    ? `<div class="table-wrap"><table class="data events"><caption>${count(answer.rows.length)} events on this page</caption><thead><tr><th scope="col">Time</th><th scope="col">Type</th><th scope="col">Team</th><th scope="col">Service</th><th scope="col">Actor</th><th scope="col">Details</th><th scope="col">Id</th></tr></thead><tbody>${body}</tbody></table></div><p>${next}</p>`
    : '<div class="empty" data-empty="no-data"><p><strong>No events match these filters.</strong></p></div>';
  ctx.render(panel('events-h', 'Events', `<ul class="chips" aria-label="Filters of this drill-down">${chips}</ul>` + table + `<p class="note">The same list from the API: <code>GET ${escape(result.path ? '/api/v1' + result.path + '?' + new URLSearchParams(Object.entries(params).flatMap(([k, v]) => [].concat(v).map((x) => [k, x]))).toString() : '')}</code> with a read token (add <code>format=csv</code> for CSV).</p>`));
}
