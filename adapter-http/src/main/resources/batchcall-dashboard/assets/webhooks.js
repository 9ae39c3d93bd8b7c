// The Webhooks page: register (the secret shown once), list, delete; a webhook's delivery log with replay (CONTRACT §13).
import { call } from './api.js';
import { $, h, rows, when, toast } from './dom.js';

export const EVENTS = ['job.started', 'job.paused', 'job.resumed', 'job.completed', 'job.cancelled', 'job.failed',
  'contact.attempt_ended', 'contact.finished'];
let selected = null;

export async function showWebhooks() {
  const list = await call('GET', '/batch/webhooks');
  rows($('#webhooks-table tbody'), list.webhooks, (w) => [
    h('code', {}, w.id),
    w.url,
    w.events.join(', '),
    when(w.createdAt),
    h('span', {},
      h('button', { type: 'button', className: 'link', 'aria-label': `Deliveries of ${w.id}`, onclick: () => showDeliveries(w.id) }, 'Deliveries'),
      ' · ',
      h('button', { type: 'button', className: 'link danger', 'aria-label': `Delete ${w.id}`, onclick: () => remove(w.id) }, 'Delete')),
  ], 'No webhook registered: nothing is sent when jobs change.');
  if (selected && !list.webhooks.some((w) => w.id === selected)) {
    selected = null;
  }
  $('#deliveries').hidden = selected === null;
  if (selected) await showDeliveries(selected);
}

async function remove(id) {
  try {
    await call('DELETE', `/batch/webhooks/${encodeURIComponent(id)}`);
    toast(`${id} deleted`);
    await showWebhooks();
  } catch (e) {
    toast(e.message);
  }
}

/** The webhook's deliveries, newest first; "Older" follows nextBefore. */
async function showDeliveries(id, before = null) {
  selected = id;
  const r = await call('GET', `/batch/webhooks/${encodeURIComponent(id)}/deliveries?limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`);
  $('#deliveries').hidden = false;
  $('#deliveries-title').textContent = `Deliveries of ${id}`;
  rows($('#deliveries-table tbody'), r.deliveries, (d) => [
    h('code', {}, d.id),
    d.type,
    d.batchJobId ?? '—',
    h('span', { className: `badge d-${d.status}` }, d.status),
    String(d.attempts),
    d.lastResponseCode !== null && d.lastResponseCode !== undefined ? `HTTP ${d.lastResponseCode}` : (d.lastError ?? '—'),
    d.status === 'pending' ? when(d.nextAttemptAt) : when(d.deliveredAt),
    h('button', { type: 'button', className: 'link', 'aria-label': `Replay ${d.id}`, onclick: () => replay(id, d.id) }, 'Replay'),
  ], 'Nothing delivered yet.');
  const older = $('#deliveries-older');
  older.hidden = !r.nextBefore;
  older.onclick = () => showDeliveries(id, r.nextBefore);
}

async function replay(id, deliveryId) {
  try {
    await call('POST', `/batch/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`);
    toast(`${deliveryId} will be sent again`);
    await showDeliveries(id);
  } catch (e) {
    toast(e.message);
  }
}

$('#webhook-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const events = EVENTS.filter((e) => $(`#wh-event-${e.replace('.', '-')}`).checked);
  $('#webhook-error').textContent = '';
  $('#webhook-secret-box').hidden = true;
  try {
    const w = await call('POST', '/batch/webhooks', { url: $('#wh-url').value.trim(), events });
    event.target.reset();
    $('#webhook-secret').textContent = w.secret;
    $('#webhook-secret-id').textContent = w.id;
    $('#webhook-secret-box').hidden = false;
    await showWebhooks();
  } catch (e) {
    $('#webhook-error').textContent = e.message;
  }
});
