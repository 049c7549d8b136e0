// Boots a dashboard page: the read token (asked once per browser session unless the server
// offers the published development token), the filter bar, then the page itself.
import { accepts, forgetToken, get, keepToken, token, Unauthorized } from './api.js';
import { current, renderForm } from './filters.js';
import { escape } from './format.js';
import { clusters, events, product, scorecard, stuckPoints } from './pages.js';

class BadFilters extends Error {
  constructor(problem) {
    super(problem.detail || problem.title);
    this.problem = problem;
  }
}

const PAGES = { scorecard, product, 'stuck-points': stuckPoints, clusters, events };

const content = document.getElementById('content');

const ctx = {
  filters: current(),
  header(subtitle, freshness, answer) {
    document.getElementById('subtitle').textContent = subtitle;
    document.getElementById('freshness').textContent = freshness;
    // Show the range the API chose when the address leaves it to the defaults.
    const from = document.getElementById('f-from'), to = document.getElementById('f-to');
    if (answer && from && !from.value) from.value = answer.from.slice(0, 10);
    if (answer && to && !to.value) to.value = answer.to.slice(0, 10);
  },
  render(html) {
    content.innerHTML = html;
    content.setAttribute('data-ready', 'true');
  },
};

function signIn(message) {
  forgetToken();
  document.getElementById('filters').hidden = true;
  content.innerHTML = `<section class="panel signin" aria-labelledby="signin-h">
    <h2 id="signin-h">Sign in with a read token</h2>
    <p>The dashboards read Paved's API with a <strong>read token</strong> (setting <code>api.read-tokens</code>). It is kept in this tab only (<code>sessionStorage</code>) and never put in a link.</p>
    ${message ? `<p class="error" role="alert">${escape(message)}</p>` : ''}
    <form id="signin"><label for="token">Read token</label>
      <input id="token" name="token" type="password" autocomplete="off" required>
      <button type="submit">Open the dashboards</button></form></section>`;
  const form = document.getElementById('signin');
  form.token.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = form.token.value.trim();
    if (await accepts(candidate)) {
      keepToken(candidate);
      location.reload();
    } else {
      signIn('That token is not a read token of this server.');
    }
  });
}

function session() {
  const box = document.getElementById('session');
  box.innerHTML = '<button type="button" class="link" id="sign-out">Sign out</button>';
  document.getElementById('sign-out').addEventListener('click', () => {
    forgetToken();
    signIn();
  });
}

async function filterChoices() {
  const [teams, services] = await Promise.all([
    get('/activity', { granularity: 'month', group_by: 'team', from: ctx.filters.from, to: ctx.filters.to, tz: ctx.filters.tz }),
    get('/activity', { granularity: 'month', group_by: 'service', from: ctx.filters.from, to: ctx.filters.to, tz: ctx.filters.tz }),
  ]);
  if (teams.problem) throw new BadFilters(teams.problem);
  const names = (result, column) =>
    result.body ? [...new Set(result.body.rows.map((r) => r[column]).filter(Boolean))].sort() : [];
  return { teams: names(teams, 'team'), services: names(services, 'service') };
}

async function boot() {
  const page = PAGES[document.body.dataset.page];
  if (!token()) {
    signIn();
    return;
  }
  try {
    session();
    if (document.body.dataset.page !== 'events') {
      const choices = await filterChoices();
      renderForm(document.getElementById('filters'), ctx.filters, choices.teams, choices.services);
    }
    await page(ctx);
  } catch (error) {
    if (error instanceof Unauthorized) {
      signIn('The read token was refused; it may have been rotated.');
      return;
    }
    if (error instanceof BadFilters) {
      const items = (error.problem.invalid_params || [])
        .map((p) => `<li><code>${escape(p.name)}</code>: ${escape(p.reason)}</li>`)
        .join('');
      content.innerHTML = `<div class="empty error" role="alert"><p><strong>These filters cannot be used.</strong> ${escape(error.message)}</p><ul>${items}</ul><p><a href="${location.pathname}">Reset the filters</a></p></div>`;
      return;
    }
    content.innerHTML = `<div class="empty error" role="alert"><p><strong>This page failed to load.</strong> ${escape(error.message)}</p></div>`;
    throw error;
  }
}

boot();
