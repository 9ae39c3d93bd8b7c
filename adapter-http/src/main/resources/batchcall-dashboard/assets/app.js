// The dashboard: hash routes #/ (jobs), #/new (create from a CSV with a dry-run preview), #/jobs/<id>.
import { call, key, whenUnauthorized, ApiError } from './api.js';
import { $, h, rows, figures, number, when, pager, toast } from './dom.js';
import { showJob, leaveJob } from './job.js';
import { showCallerIds } from './callerids.js';
import { showSuppressions } from './suppressions.js';
import { showWebhooks } from './webhooks.js';

const views = ['login', 'jobs', 'new', 'job', 'caller-ids', 'suppressions', 'webhooks', 'missing'];
const state = { jobsPage: 1, previewed: null };

function show(name) {
  for (const v of views) $(`#view-${v}`).hidden = v !== name;
  $('#nav').hidden = name === 'login';
}

async function route() {
  leaveJob();
  if (!key.get()) {
    show('login');
    $('#api-key').focus();
    return;
  }
  const hash = location.hash || '#/';
  const job = hash.match(/^#\/jobs\/([A-Za-z0-9_-]{1,100})$/);
  try {
    if (hash === '#/' || hash === '#') await showJobs();
    else if (hash === '#/new') showNew();
    else if (hash === '#/caller-ids') {
      show('caller-ids');
      await showCallerIds();
    } else if (hash === '#/suppressions') {
      show('suppressions');
      await showSuppressions(1);
    } else if (hash === '#/webhooks') {
      show('webhooks');
      await showWebhooks();
    }
    else if (job) {
      show('job');
      await showJob(job[1]);
    } else show('missing');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) show('missing');
    else if (!(e instanceof ApiError && e.status === 401)) toast(e.message);
  }
  $('#main').focus({ preventScroll: true });
}

whenUnauthorized((message) => {
  key.clear();
  show('login');
  $('#login-error').textContent = message || 'The key was refused.';
});

$('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('#api-key').value.trim();
  if (!value) return;
  key.set(value);
  $('#login-error').textContent = '';
  try {
    await call('GET', '/batch/jobs?pageSize=1');
    $('#api-key').value = '';
    route();
  } catch (e) {
    key.clear();
    $('#login-error').textContent = e.status === 401 ? 'That key was refused. Check it and try again.' : e.message;
  }
});

$('#sign-out').addEventListener('click', () => {
  key.clear();
  location.hash = '#/';
  route();
});

// ----- jobs list -----

async function showJobs() {
  const status = $('#jobs-status').value;
  const query = new URLSearchParams({ page: state.jobsPage, pageSize: 20 });
  if (status) query.set('status', status);
  const list = await call('GET', `/batch/jobs?${query}`);
  show('jobs');
  rows($('#jobs-table tbody'), list.batchJobs, (job) => [
    h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.name),
    h('span', { className: `badge s-${job.status}` }, job.status),
    h('progress', { max: Math.max(1, job.totalContacts), value: job.contactsProcessed, 'aria-label': `${job.name} progress` }),
    `${number(job.contactsProcessed)} / ${number(job.totalContacts)}`,
    when(job.createdAt),
  ], 'No jobs yet. Create one from a CSV file.');
  pager($('#jobs-pager'), list.page, list.pageSize, list.total, (p) => { state.jobsPage = p; showJobs(); }, 'jobs');
}

$('#jobs-status').addEventListener('change', () => { state.jobsPage = 1; showJobs().catch((e) => toast(e.message)); });

// ----- new job: preview (dry run), then create -----

function showNew() {
  show('new');
  $('#f-name').focus();
}

function formData() {
  const f = $('#new-form');
  const data = new FormData();
  for (const name of ['name', 'description', 'agentId', 'fromPhoneNumberId', 'concurrentCallLimit', 'maxAttempts', 'retryDelaySeconds']) {
    const value = f.elements[name].value.trim();
    if (value) data.set(name, value);
  }
  for (const [field, key] of [['finalDispositions', 'final'], ['optOutDispositions', 'optOut']]) {
    const list = f.elements[field].value.split(',').map((d) => d.trim()).filter((d) => d);
    if (list.length) data.set('dispositions', JSON.stringify({ ...JSON.parse(data.get('dispositions') || '{}'), [key]: list }));
  }
  if (f.elements.maxCallbacks.value.trim()) data.set('maxCallbacks', f.elements.maxCallbacks.value.trim());
  // the browser's local time, sent with its offset (CONTRACT §16's endAt)
  if (f.elements.endAt.value) data.set('endAt', new Date(f.elements.endAt.value).toISOString());
  const action = f.elements.voicemailAction.value;
  const outcome = f.elements.voicemailOutcome.value;
  const message = f.elements.voicemailMessage.value.trim();
  if (action !== 'hangup' || outcome !== 'retry') {
    data.set('voicemail', JSON.stringify(action === 'leave_message' ? { action, message, outcome } : { action, outcome }));
  }
  const start = f.elements.windowStart.value;
  const end = f.elements.windowEnd.value;
  if (start || end) data.set('callingWindow', JSON.stringify({ start, end }));
  data.set('file', f.elements.file.files[0]);
  return data;
}

function invalidatePreview() {
  state.previewed = null;
  $('#create').disabled = true;
  $('#preview-panel').hidden = true;
}
$('#new-form').addEventListener('input', invalidatePreview);

$('#new-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('#new-error').textContent = '';
  try {
    const report = await call('POST', '/batch/create?dryRun=true', formData());
    state.previewed = { idempotencyKey: crypto.randomUUID() };
    renderPreview(report);
    $('#create').disabled = false;
    $('#create').focus();
  } catch (e) {
    invalidatePreview();
    $('#new-error').textContent = `${e.message} (${e.code})`;
  }
});

function renderPreview(report) {
  const reasons = Object.entries(report.skippedByReason || {});
  const suppressed = (report.skippedByReason || {}).suppressed || 0;
  figures($('#preview-figures'), [
    ['Contacts to call', number(report.totalContacts), 'valid'],
    ['Rows skipped', number(report.skippedCount), 'skipped'],
    ['Suppressed', number(suppressed), 'suppressed'],
    ['First call possible', when(report.firstCallableAt), 'first-call'],
    ['Estimated duration', `${number(Math.round(report.estimatedDuration / 60))} min`, 'duration'],
  ]);
  rows($('#preview-reasons tbody'), reasons, ([reason, count]) => [reason, number(count)], 'None.');
  rows($('#preview-zones tbody'), Object.entries(report.timezones || {}), ([zone, count]) => [zone, number(count)], 'None.');
  rows($('#preview-skipped tbody'), report.skippedRows.slice(0, 50), (r) => [number(r.row), r.value ?? '', r.reason], 'None.');
  $('#preview-panel').hidden = false;
}

$('#create').addEventListener('click', async () => {
  if (!state.previewed) return;
  $('#create').disabled = true;
  $('#new-error').textContent = '';
  try {
    const created = await call('POST', '/batch/create', formData(), { 'Idempotency-Key': state.previewed.idempotencyKey });
    toast(created.message);
    $('#new-form').reset();
    invalidatePreview();
    location.hash = `#/jobs/${encodeURIComponent(created.batchJobId)}`;
  } catch (e) {
    $('#create').disabled = false;
    $('#new-error').textContent = `${e.message} (${e.code})`;
  }
});

window.addEventListener('hashchange', route);
route();
