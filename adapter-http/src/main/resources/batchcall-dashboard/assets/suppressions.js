// The Suppressions page: look a number up, add one or a CSV, remove, and the paged list (CONTRACT §11).
import { call } from './api.js';
import { $, h, rows, when, pager, number, toast } from './dom.js';

const PAGE_SIZE = 50;
let page = 1;

export async function showSuppressions(to = page) {
  page = to;
  const list = await call('GET', `/batch/suppressions?page=${page}&pageSize=${PAGE_SIZE}`);
  rows($('#suppressions-table tbody'), list.suppressions, (s) => [
    s.phoneNumber,
    s.reason ?? '—',
    when(s.addedAt),
    h('button', { type: 'button', className: 'link danger', 'aria-label': `Remove ${s.phoneNumber}`, onclick: () => remove(s.phoneNumber) }, 'Remove'),
  ], 'No number is suppressed.');
  pager($('#suppressions-pager'), list.page, list.pageSize, list.total, (p) => showSuppressions(p), 'numbers');
}

async function remove(phoneNumber) {
  try {
    await call('DELETE', `/batch/suppressions/${encodeURIComponent(phoneNumber)}`);
    toast(`${phoneNumber} removed from the suppression list`);
    await showSuppressions();
  } catch (e) {
    toast(e.message);
  }
}

/** What an add did: added, already there, and each skipped row with its reason. */
function outcome(r) {
  const skipped = (r.skippedRows || []).map((s) => `row ${s.row}: ${s.value} (${s.reason})`);
  return [`${number(r.added)} added, ${number(r.alreadyPresent)} already suppressed, ${number(r.skippedCount)} skipped`, ...skipped].join('; ');
}

$('#suppression-search').addEventListener('submit', async (event) => {
  event.preventDefault();
  const phone = $('#sup-search').value.trim();
  $('#suppression-search-error').textContent = '';
  $('#suppression-found').textContent = '';
  try {
    const r = await call('GET', `/batch/suppressions?phoneNumber=${encodeURIComponent(phone)}`);
    $('#suppression-found').textContent = r.suppressed
      ? `${r.phoneNumber} is suppressed since ${when(r.addedAt)}${r.reason ? ` (${r.reason})` : ''}.`
      : `${r.phoneNumber} is not suppressed.`;
  } catch (e) {
    $('#suppression-search-error').textContent = e.message;
  }
});

$('#suppression-add').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { phoneNumbers: [$('#sup-phone').value.trim()] };
  if ($('#sup-reason').value.trim()) body.reason = $('#sup-reason').value.trim();
  $('#suppression-add-error').textContent = '';
  try {
    const r = await call('POST', '/batch/suppressions', body);
    if (r.skippedCount > 0) {
      $('#suppression-add-error').textContent = outcome(r);
      return;
    }
    event.target.reset();
    toast(outcome(r));
    await showSuppressions();
  } catch (e) {
    $('#suppression-add-error').textContent = e.message;
  }
});

$('#suppression-upload').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData();
  form.append('file', $('#sup-file').files[0]);
  if ($('#sup-file-reason').value.trim()) form.append('reason', $('#sup-file-reason').value.trim());
  $('#suppression-upload-error').textContent = '';
  $('#suppression-uploaded').textContent = '';
  try {
    const r = await call('POST', '/batch/suppressions', form);
    $('#suppression-uploaded').textContent = outcome(r);
    event.target.reset();
    await showSuppressions(1);
  } catch (e) {
    $('#suppression-upload-error').textContent = e.message;
  }
});
