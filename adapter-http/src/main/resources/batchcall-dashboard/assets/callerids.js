// The Caller IDs page: the organization's numbers with their limits, today's dials and state; register, change, remove.
import { call } from './api.js';
import { $, h, rows, number, when, toast } from './dom.js';

function stateText(c) {
  if (c.state === 'resting') return `resting until ${when(c.stateUntil)}`;
  if (c.state === 'backing_off') return `backing off until ${when(c.stateUntil)}`;
  return 'active';
}

export async function showCallerIds() {
  const list = await call('GET', '/batch/caller-ids');
  rows($('#caller-ids-table tbody'), list.callerIds, (c) => [
    h('code', {}, c.id),
    c.phoneNumber,
    c.callsPerSecond ?? 'no limit',
    c.dailyCap === null ? 'no cap' : number(c.dailyCap),
    number(c.dialsToday),
    h('span', { className: `badge c-${c.state}` }, stateText(c)),
    h('button', { type: 'button', className: 'link danger', 'aria-label': `Remove ${c.id}`, onclick: () => remove(c.id) }, 'Remove'),
  ], 'No caller ID registered yet: jobs dial their fromPhoneNumberId without limits.');
}

async function remove(id) {
  try {
    await call('DELETE', `/batch/caller-ids/${encodeURIComponent(id)}`);
    toast(`${id} removed`);
    await showCallerIds();
  } catch (e) {
    toast(e.message);
  }
}

$('#caller-id-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = $('#c-id').value.trim();
  const body = { phoneNumber: $('#c-phone').value.trim() };
  if ($('#c-cps').value) body.callsPerSecond = Number($('#c-cps').value);
  if ($('#c-cap').value) body.dailyCap = Number($('#c-cap').value);
  $('#caller-id-error').textContent = '';
  try {
    await call('PUT', `/batch/caller-ids/${encodeURIComponent(id)}`, body);
    event.target.reset();
    toast(`${id} saved`);
    await showCallerIds();
  } catch (e) {
    $('#caller-id-error').textContent = e.message;
  }
});
