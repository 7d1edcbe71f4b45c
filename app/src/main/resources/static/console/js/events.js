// Server-Sent Events over fetch(), since EventSource cannot send the Authorization header.
// A dropped stream is reopened with Last-Event-ID, so no event is lost or shown twice.
import { authHeaders } from './api.js';

const RETRY_MS = 2000;

/**
 * Follows {path}; calls onEvent({id, type, data}) for each event. Returns a function that stops.
 * onEnd() is called when the server ends the stream for good (the release ended).
 */
export function follow(path, { onEvent, onError = () => {}, onEnd = () => {} }) {
  const controller = new AbortController();
  let lastEventId = null;
  let stopped = false;

  async function open() {
    const headers = authHeaders({ Accept: 'text/event-stream' });
    if (lastEventId) {
      headers['Last-Event-ID'] = lastEventId;
    }
    const response = await fetch(path, { headers, signal: controller.signal });
    if (!response.ok) {
      throw new Error(`the event stream answered ${response.status}`);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let ended = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return ended;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const event = parse(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (event) {
          lastEventId = event.id ?? lastEventId;
          ended = ended || event.type === 'release-ended';
          onEvent(event);
        }
      }
    }
  }

  async function run() {
    while (!stopped) {
      try {
        if (await open()) {
          onEnd();
          return;
        }
      } catch (e) {
        if (stopped) {
          return;
        }
        onError(e);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

function parse(block) {
  const event = { id: null, type: 'message', data: '' };
  let hasData = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') {
      event.id = value;
    } else if (field === 'event') {
      event.type = value;
    } else if (field === 'data') {
      event.data += (hasData ? '\n' : '') + value;
      hasData = true;
    }
  }
  if (!hasData) {
    return null;
  }
  try {
    event.data = JSON.parse(event.data);
  } catch {
    // plain text data stays text
  }
  return event;
}
