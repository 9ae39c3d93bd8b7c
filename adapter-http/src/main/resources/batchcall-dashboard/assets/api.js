// The API as the dashboard uses it: the key from sessionStorage as a Bearer header, JSON answers,
// errors as ApiError with the contract's code. No cookies are used, so there is no CSRF surface.
const KEY = 'batchcall.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const key = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

function headers(extra = {}) {
  const h = { ...extra };
  const k = key.get();
  if (k) h.Authorization = `Bearer ${k}`;
  return h;
}

async function fail(response) {
  let code = 'http_' + response.status;
  let message = response.statusText || 'Request failed';
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code;
      message = body.error.message;
    }
  } catch (ignored) { /* not JSON */ }
  if (response.status === 401) onUnauthorized(message);
  throw new ApiError(response.status, code, message);
}

/** A request answered with JSON; body is an object (sent as JSON) or FormData (sent as multipart). */
export async function call(method, path, body, extraHeaders = {}) {
  const init = { method, headers: headers(extraHeaders), cache: 'no-store' };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) await fail(response);
  return response.json();
}

/** Downloads an export (it needs the Bearer header, so not a plain link). */
export async function download(path, filename) {
  const response = await fetch(path, { headers: headers(), cache: 'no-store' });
  if (!response.ok) await fail(response);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Follows a Server-Sent Events stream with the Bearer header (EventSource cannot send one):
 * calls onEvent(type, data) per event until the stream ends or signal aborts.
 */
export async function follow(path, onEvent, signal) {
  const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal, cache: 'no-store' });
  if (!response.ok) await fail(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(type, JSON.parse(data.join('\n')));
    }
  }
}
