// The job page: figures, progress, status breakdown, ETA and calling window, updated live from the
// job's Server-Sent Events; the contacts table (status filter, paging); the job's actions.
import { call, download, follow } from './api.js';
import { $, h, rows, figures, number, when, pager, toast, STATUSES } from './dom.js';

const FINAL = ['completed', 'failed', 'cancelled'];
const ACTIONS = {
  start: ['pending', 'scheduled'],
  pause: ['running'],
  resume: ['paused'],
  cancel: ['pending', 'scheduled', 'running', 'paused'],
  retry: ['completed', 'failed', 'cancelled'],
  csv: null,
  ndjson: null,
};
const page = { id: null, job: null, contactsPage: 1, stream: null, lastContacts: 0, contactsTimer: null, pacing: null, dispositions: {}, regions: {}, rules: null };

export function leaveJob() {
  if (page.stream) page.stream.abort();
  clearTimeout(page.contactsTimer);
  page.stream = null;
  page.id = null;
}

export async function showJob(id) {
  page.id = id;
  page.contactsPage = 1;
  $('#contacts-status').value = '';
  $('#timeline').hidden = true;
  const detail = await call('GET', `/batch/jobs/${encodeURIComponent(id)}?contactsPageSize=25`);
  page.pacing = detail.pacing || null;
  page.regions = detail.regionBreakdown || {};
  if (page.rules === null) page.rules = (await call('GET', '/batch/calling-rules').catch(() => ({ rules: [] }))).rules;
  render(detail);
  renderContacts(detail);
  performance.mark('batchcall-job-rendered');
  if (!FINAL.includes(detail.status)) live(id);
}

function live(id) {
  const controller = new AbortController();
  page.stream = controller;
  $('#job-live').textContent = 'Live: updates as the job changes.';
  follow(`/batch/jobs/${encodeURIComponent(id)}/events`, (type, job) => {
    if (page.id !== id) return;
    render(job);
    refreshContactsSoon();
    if (type === 'final') $('#job-live').textContent = `The job is ${job.status}.`;
  }, controller.signal).catch((e) => {
    if (e.name !== 'AbortError' && page.id === id) $('#job-live').textContent = `Live updates stopped: ${e.message}`;
  });
}

function render(job) {
  page.job = job;
  $('#job-title').textContent = job.name;
  $('#job-id').textContent = `${job.id}${job.parentBatchJobId ? ` · retry of ${job.parentBatchJobId}` : ''}`;
  const badge = $('#job-status');
  badge.textContent = job.status;
  badge.className = `badge s-${job.status}`;
  const progress = $('#job-progress');
  progress.max = Math.max(1, job.totalContacts);
  progress.value = job.contactsProcessed;
  const pct = job.totalContacts ? Math.floor((job.contactsProcessed * 100) / job.totalContacts) : 0;
  $('#job-progress-label').textContent = `Progress: ${number(job.contactsProcessed)} of ${number(job.totalContacts)} contacts done (${pct}%)`;
  figures($('#job-figures'), [
    ['Successful', number(job.successfulCalls), 'successful'],
    ['Failed', number(job.failedCalls), 'failed'],
    ['Concurrent calls', number(job.concurrentCallLimit), 'concurrency'],
    ['Started', when(job.actualStartTime), 'started'],
    ['Estimated completion', job.estimatedCompletionTime ? when(job.estimatedCompletionTime) : '—', 'eta'],
    ['Completed', when(job.completedAt), 'completed-at'],
    ['Calling window', windowText(job.callingWindow), 'window'],
    ['Stops calling', job.endAt ? when(job.endAt) : 'never', 'end-at'],
    ['Attempts', job.retryPolicy ? `${job.retryPolicy.maxAttempts}, retry after ${number(job.retryPolicy.retryDelaySeconds)} s` : '—', 'attempts'],
    ['Caller IDs', poolText(job), 'caller-ids'],
    ['Pacing', pacingText(page.pacing), 'pacing'],
    ['Dispositions', dispositionsText(page.dispositions), 'dispositions'],
    ['Contacts per region', dispositionsText(page.regions), 'regions'],
    ['Calling rules in force', rulesText(page.rules, page.regions), 'rules'],
  ]);
  renderBreakdown(job);
  for (const button of $('#job-actions').querySelectorAll('button')) {
    const allowed = ACTIONS[button.dataset.action];
    button.hidden = allowed !== null && !allowed.includes(job.status);
  }
  $('#add-form').hidden = !['pending', 'scheduled', 'running', 'paused'].includes(job.status);
}

// ----- add contacts (CONTRACT §16): preview (dry run), then add under one idempotency key -----

function addData() {
  const data = new FormData();
  data.set('file', $('#add-file').files[0]);
  return data;
}

function skippedText(report) {
  const reasons = {};
  for (const row of report.skippedRows) reasons[row.reason] = (reasons[row.reason] || 0) + 1;
  const listed = Object.entries(reasons).map(([reason, n]) => `${n} ${reason.replaceAll('_', ' ')}`).join(', ');
  return report.skippedCount ? `; ${number(report.skippedCount)} skipped (${listed})` : '';
}

$('#add-form').addEventListener('input', () => {
  page.addKey = null;
  $('#add-confirm').disabled = true;
  $('#add-report').textContent = '';
});

$('#add-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('#add-error').textContent = '';
  try {
    const report = await call('POST', `/batch/jobs/${encodeURIComponent(page.id)}/contacts?dryRun=true`, addData());
    $('#add-report').textContent = `${number(report.added)} would be added${skippedText(report)}.`;
    page.addKey = crypto.randomUUID();
    $('#add-confirm').disabled = report.added === 0;
  } catch (e) {
    $('#add-error').textContent = `${e.message} (${e.code})`;
  }
});

$('#add-confirm').addEventListener('click', async () => {
  $('#add-error').textContent = '';
  try {
    const added = await call('POST', `/batch/jobs/${encodeURIComponent(page.id)}/contacts`, addData(), { 'Idempotency-Key': page.addKey });
    $('#add-report').textContent = `${number(added.added)} added (${number(added.totalContacts)} in the job)${skippedText(added)}.`;
    $('#add-confirm').disabled = true;
    loadContacts().catch(() => {});
  } catch (e) {
    $('#add-error').textContent = `${e.message} (${e.code})`;
  }
});

function poolText(job) {
  const ids = job.fromPhoneNumberIds || [job.fromPhoneNumberId];
  if (ids.length === 1) return ids[0];
  return `${ids.join(', ')} (${job.callerIdSelection === 'round_robin' ? 'round robin' : 'local presence'}${job.stickyCallerId ? ', retries keep theirs' : ''})`;
}

const LIMITS = { none: 'nothing', job_concurrency: 'the job\'s concurrent calls', org_concurrency: 'the organization\'s concurrent calls',
  org_rate: 'the organization\'s dial rate', caller_id_rate: 'the caller IDs\' rates', daily_cap: 'daily caps', backoff: 'a carrier\'s back-off' };

function pacingText(pacing) {
  if (!pacing) return '—';
  return `${pacing.dialsPerSecond.toLocaleString('en-US', { maximumFractionDigits: 2 })} dials/s, held back by ${LIMITS[pacing.limitedBy] || pacing.limitedBy}`;
}

/** Contacts by their last disposition (CONTRACT §15), most first. */
function dispositionsText(counts) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([d, n]) => `${d} ${number(n)}`).join(' · ') : '—';
}

/**
 * The rules by region this server dials under (CONTRACT §17) that concern the job's regions: a region's own rule, else
 * its country's, each with its Sunday and holidays when it has them.
 */
function rulesText(rules, regions) {
  if (!rules || !rules.length) return 'none (the job\'s window only)';
  const applies = rules.filter((r) => Object.keys(regions || {}).some((g) => g === r.region || g.startsWith(`${r.region}-`)));
  if (!applies.length) return `none for this job's regions (${number(rules.length)} in force)`;
  return applies.map((r) => {
    const hours = Object.values(r.hours || {});
    const same = hours.length && hours.every((x) => x === hours[0]) ? ` ${hours[0] ?? 'closed'}` : '';
    const sunday = r.hours && r.hours.sun === null && !same ? ', no Sundays' : '';
    const holidays = r.holidays && r.holidays.length ? `, ${r.holidays.length} holidays` : '';
    return `${r.region}${same}${sunday}${holidays}`;
  }).join(' · ');
}

/** The detail's pacing and dispositions (the live stream carries the job, not these): kept and shown whenever a detail is read. */
function updatePacing(detail) {
  page.pacing = detail.pacing || null;
  page.dispositions = detail.dispositionBreakdown || {};
  page.regions = detail.regionBreakdown || page.regions;
  const dd = document.querySelector('[data-figure=pacing]');
  if (dd) dd.textContent = pacingText(page.pacing);
  const ds = document.querySelector('[data-figure=dispositions]');
  if (ds) ds.textContent = dispositionsText(page.dispositions);
  const rs = document.querySelector('[data-figure=regions]');
  if (rs) rs.textContent = dispositionsText(page.regions);
}

function windowText(w) {
  if (!w) return 'any time';
  const days = w.days && w.days.length < 7 ? ` (${w.days.join(', ')})` : '';
  return `${w.start}–${w.end} contact's local time${days}`;
}

function renderBreakdown(job) {
  const counts = job.statusBreakdown || {};
  const total = Math.max(1, job.totalContacts);
  $('#job-chart').replaceChildren(...STATUSES.filter((s) => counts[s] > 0).map((s) => {
    const bar = h('span', { className: `seg s-${s}`, title: `${s}: ${counts[s]}` });
    bar.style.width = `${(counts[s] * 100) / total}%`;
    return bar;
  }));
  rows($('#job-breakdown tbody'), STATUSES, (s) => [h('span', { className: `dot s-${s}` }, s), h('span', { 'data-status': s }, number(counts[s] || 0))]);
}

// ----- contacts -----

async function loadContacts() {
  if (!page.id) return;
  const query = new URLSearchParams({ contactsPage: page.contactsPage, contactsPageSize: 25 });
  const status = $('#contacts-status').value;
  if (status) query.set('contactStatus', status);
  const detail = await call('GET', `/batch/jobs/${encodeURIComponent(page.id)}?${query}`);
  renderContacts(detail);
}

function refreshContactsSoon() {
  if (page.contactsTimer) return;
  const wait = Math.max(0, 2000 - (Date.now() - page.lastContacts));
  page.contactsTimer = setTimeout(() => {
    page.contactsTimer = null;
    loadContacts().catch(() => {});
  }, wait);
}

function renderContacts(detail) {
  page.lastContacts = Date.now();
  updatePacing(detail);
  rows($('#contacts-table tbody'), detail.contacts, (c) => [
    h('button', { type: 'button', className: 'link', 'aria-label': `Timeline of ${c.phoneNumber}`,
      onclick: () => showTimeline(c.id).catch((e) => toast(e.message)) }, c.phoneNumber),
    h('span', { className: `badge s-${c.status}` }, c.status),
    `${c.attemptCount} / ${c.maxAttempts}`,
    when(c.lastAttemptAt),
    c.callDuration ?? '—',
    c.errorCode ?? c.failureReason ?? '',
    c.disposition ?? '',
    c.timezone ?? '',
    c.region ?? '',
    String(c.contactData?.priority ?? 0).trim() || '0',
    String(c.contactData?.expiresAt ?? ''),
    h('code', { className: 'data' }, JSON.stringify(c.contactData ?? {})),
    c.status === 'pending' || c.status === 'queued'
      ? h('button', { type: 'button', className: 'link', 'aria-label': `Cancel ${c.phoneNumber}`, onclick: () => cancelContact(c) }, 'Cancel')
      : '',
  ], 'No contacts match.');
  pager($('#contacts-pager'), detail.contactsPage, detail.contactsPageSize, detail.contactsTotal, (p) => {
    page.contactsPage = p;
    loadContacts().catch((e) => toast(e.message));
  }, 'contacts');
}

/** One contact taken out of the campaign (CONTRACT §16); the API's refusal (in a call, already final) is shown as it says. */
async function cancelContact(c) {
  if (!window.confirm(`Cancel ${c.phoneNumber}? It will not be called again in this job.`)) return;
  try {
    await call('POST', `/batch/jobs/${encodeURIComponent(page.id)}/contacts/${encodeURIComponent(c.id)}/cancel`);
    toast(`${c.phoneNumber} cancelled`);
  } catch (e) {
    toast(e.message);
  }
  loadContacts().catch(() => {});
}

/** A contact's timeline (CONTRACT §15): its attempts, oldest first, under the contacts table. */
async function showTimeline(contactId) {
  const t = await call('GET', `/batch/jobs/${encodeURIComponent(page.id)}/contacts/${encodeURIComponent(contactId)}`);
  $('#timeline-title').textContent = `Timeline of ${t.phoneNumber}`;
  const waits = t.waits ?? [];
  const last = waits.length ? waits[waits.length - 1] : null;
  const now = Date.now();
  const waiting = last && (!last.until || Date.parse(last.until) > now) && (t.status === 'pending' || t.status === 'queued')
    ? ` · waiting (${last.reason})${last.until ? ` until ${when(last.until)}` : ''}` : '';
  const machines = t.voicemails ? ` · ${t.voicemails} answered by a machine` : '';
  $('#timeline-summary').textContent = `${t.status}, ${t.attemptCount} of ${t.maxAttempts} attempts${t.nextRetryAt ? ` · next dial ${when(t.nextRetryAt)}` : ''}${waiting}${machines}`;
  rows($('#timeline-waits tbody'), waits, (w) => [when(w.at), w.until ? when(w.until) : '—', w.reason.replaceAll('_', ' ')],
    'It has not waited.');
  rows($('#timeline-table tbody'), t.attempts, (a) => [
    String(a.attempt), when(a.startedAt), when(a.endedAt), h('span', { className: `badge s-${a.status}` }, a.status),
    a.callDuration ?? '—', a.callerId ?? '', a.disposition ?? '', a.answeredBy ?? '', a.callbackAt ?? '',
    h('code', { className: 'data' }, a.outcomeData ? JSON.stringify(a.outcomeData) : ''),
  ], 'No attempt has ended yet.');
  $('#timeline').hidden = false;
  $('#timeline-close').focus();
}

$('#timeline-close').addEventListener('click', () => { $('#timeline').hidden = true; });

$('#contacts-status').addEventListener('change', () => {
  page.contactsPage = 1;
  loadContacts().catch((e) => toast(e.message));
});

// ----- actions -----

$('#job-actions').addEventListener('click', async (event) => {
  const button = event.target.closest('button');
  if (!button || !page.id) return;
  const action = button.dataset.action;
  const id = encodeURIComponent(page.id);
  $('#job-error').textContent = '';
  try {
    if (action === 'csv' || action === 'ndjson') {
      await download(`/batch/jobs/${id}/contacts.${action}`, `${page.id}.${action}`);
      return;
    }
    if (action === 'cancel' && !window.confirm('Cancel this job? Contacts not yet called will not be called.')) return;
    if (action === 'retry') {
      const created = await call('POST', `/batch/jobs/${id}/retry`, {});
      toast(created.message);
      location.hash = `#/jobs/${encodeURIComponent(created.batchJobId)}`;
      return;
    }
    const answer = await call('POST', `/batch/jobs/${id}/${action}`);
    toast(answer.message);
    const detail = await call('GET', `/batch/jobs/${id}?contactsPageSize=25`);
    render(detail);
    renderContacts(detail);
    if (!FINAL.includes(detail.status) && !page.stream) live(page.id);
  } catch (e) {
    $('#job-error').textContent = `${e.message} (${e.code})`;
  }
});
