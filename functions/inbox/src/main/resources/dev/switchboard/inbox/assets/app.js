// The owner's inbox: plain ES module, no framework, no build step (docs/inbox.md says why).
// Every piece of customer text goes into the page with textContent, never as HTML.

const main = document.getElementById('main');
const status = document.getElementById('status');
const signOut = document.getElementById('signout');

const FILTERS = [
  ['needs-reply', 'Needs a reply'], ['all', 'All'], ['missed', 'Missed'],
  ['voicemail', 'Voicemail'], ['texts', 'Texts'], ['quotes', 'Quotes'],
];
const BADGE = { call: 'Call', missed: 'Missed', voicemail: 'Voicemail', text: 'Text', quote: 'Quote' };
const MAX_TEXT = 1600;
let me = null;

/** An element: h('p', {class: 'x'}, 'text', child...). Strings become text nodes. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function say(message) {
  status.textContent = message;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { status.textContent = ''; }, 4000);
}

class Unauthorized extends Error {}

async function api(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && !path.startsWith('/auth/')) throw new Unauthorized();
  let data = null;
  const text = await response.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = { message: text }; }
  }
  return { status: response.status, data };
}

const phoneOf = (path) => decodeURIComponent(path.slice('/inbox/c/'.length));
const contactUrl = (phone) => '/inbox/c/' + encodeURIComponent(phone);

function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return new Intl.DateTimeFormat(undefined, sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d);
}

function pretty(phone) {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone || '');
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : (phone || 'Unknown number');
}

function vehicleText(v) {
  if (!v) return '';
  if (typeof v === 'string') return v;
  return [v.year, v.make, v.model, v.engine].filter(Boolean).join(' ');
}

function estimateText(e) {
  if (!e) return '';
  if (typeof e === 'string') return e;
  return e.amount ? `${e.amount} ${e.currency || ''}`.trim() : (e.message || '');
}

// ------------------------------------------------------------------ routing

async function route() {
  const path = location.pathname;
  try {
    if (!me) {
      const who = await api('GET', '/auth/session');
      if (!who.data?.signedIn) throw new Unauthorized();
      me = who.data;
    }
    signOut.hidden = false;
    if (path.startsWith('/inbox/c/')) await showContact(phoneOf(path));
    else await showInbox(new URLSearchParams(location.search).get('filter') || 'needs-reply');
  } catch (e) {
    if (e instanceof Unauthorized) {
      me = null;
      signOut.hidden = true;
      showSignIn();
    } else {
      main.replaceChildren(h('p', { class: 'error' }, 'Something went wrong. Pull down or reload to try again.'));
      console.warn(e);
    }
  }
}

function go(url) {
  history.pushState(null, '', url);
  route().then(() => main.focus());
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (link && !event.metaKey && !event.ctrlKey && !event.shiftKey && event.button === 0) {
    event.preventDefault();
    go(link.getAttribute('href'));
  }
});
window.addEventListener('popstate', () => route());

signOut.addEventListener('click', async () => {
  await api('POST', '/auth/logout');
  me = null;
  signOut.hidden = true;
  showSignIn();
  say('Signed out');
});

// ------------------------------------------------------------------ sign-in

function showSignIn() {
  document.title = 'Sign in - Inbox';
  const phone = h('input', { id: 'phone', name: 'phone', type: 'tel', autocomplete: 'tel', required: true,
    inputmode: 'tel', 'aria-describedby': 'phone-hint' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h2', { id: 'signin-title' }, 'Sign in'),
    h('label', { for: 'phone' }, 'Your phone number'),
    phone,
    h('p', { class: 'hint', id: 'phone-hint' }, 'We text a 6-digit code to staff phones.'),
    error,
    h('button', { type: 'submit' }, 'Text me a code'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!phone.value.trim()) { error.textContent = 'Enter your phone number.'; phone.focus(); return; }
    const answer = await api('POST', '/auth/code', { phone: phone.value.trim() });
    if (answer.status === 202) showCode(phone.value.trim());
    else if (answer.status === 429) error.textContent = 'Too many tries. Wait a while, then try again.';
    else error.textContent = answer.data?.message || 'That is not a phone number we can use.';
  });
  main.replaceChildren(form);
  phone.focus();
}

function showCode(phoneNumber) {
  const code = h('input', { id: 'code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
    pattern: '[0-9]{6}', maxlength: 6, required: true, 'aria-describedby': 'code-hint' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'code-title', novalidate: true },
    h('h2', { id: 'code-title' }, 'Enter the code'),
    h('p', { id: 'code-hint', class: 'hint' }, `If ${phoneNumber} is a staff phone, a code is on its way. It works for 10 minutes.`),
    h('label', { for: 'code' }, '6-digit code'),
    code, error,
    h('button', { type: 'submit' }, 'Sign in'),
    h('button', { type: 'button', class: 'quiet', onclick: showSignIn }, 'Use another number'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await api('POST', '/auth/session', { phone: phoneNumber, code: code.value.trim() });
    if (answer.status === 204) {
      me = null;
      say('Signed in');
      await route();
      main.focus();
    } else if (answer.status === 429) {
      error.textContent = 'Too many tries. Wait a while, then ask for a new code.';
    } else {
      error.textContent = 'That code did not work. Check it, or ask for a new one.';
      code.select();
    }
  });
  main.replaceChildren(form);
  code.focus();
}

// ------------------------------------------------------------------ the feed

async function showInbox(filter) {
  document.title = 'Inbox';
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Show' },
    FILTERS.map(([value, label]) => h('a', {
      role: 'tab', href: value === 'needs-reply' ? '/inbox' : `/inbox?filter=${value}`, 'data-nav': true,
      'aria-selected': String(value === filter), 'aria-controls': 'feed', class: 'button' }, label)));
  const list = h('ul', { class: 'feed', id: 'feed', role: 'tabpanel', 'aria-label': FILTERS.find(f => f[0] === filter)?.[1] });
  const more = h('button', { type: 'button', class: 'quiet more', hidden: true }, 'Show older');
  const chart = h('section', { class: 'card chart', 'aria-labelledby': 'chart-title' },
    h('h2', { id: 'chart-title' }, 'Calls, last 30 days'), h('p', { class: 'loading' }, 'Loading…'));
  main.replaceChildren(h('div', { class: 'layout' },
    h('section', { 'aria-label': 'Activity' }, tabs, list, more), chart));

  let cursor = null;
  const load = async () => {
    more.disabled = true;
    const query = new URLSearchParams({ filter, limit: '30' });
    if (cursor) query.set('cursor', cursor);
    const page = await api('GET', '/api/activity?' + query);
    for (const item of page.data.items) list.append(h('li', {}, feedItem(item)));
    if (!list.children.length) {
      list.append(h('li', { class: 'empty' }, filter === 'needs-reply' ? 'Nobody is waiting for a reply.' : 'Nothing here yet.'));
    }
    cursor = page.data.nextCursor;
    more.hidden = !cursor;
    more.disabled = false;
  };
  more.addEventListener('click', load);
  await load();
  drawChart(chart).catch((e) => console.warn(e));
}

function feedItem(item) {
  const kind = item.type === 'call' && item.missed ? 'missed' : item.type;
  const who = item.contact?.name || pretty(item.contact?.phone);
  const out = item.direction === 'outbound' ? ' (you)' : '';
  return h('a', { class: 'item', href: contactUrl(item.contact?.phone || ''), 'data-nav': true },
    h('span', { class: `badge ${kind}` }, BADGE[kind] || kind),
    h('span', { class: 'who' }, who),
    h('span', { class: 'when' }, h('time', { datetime: item.at }, when(item.at))),
    h('span', { class: 'summary' }, (item.summary || '') + out,
      item.needsReply ? h('span', { class: 'waiting' }, ' · Needs a reply') : null));
}

async function drawChart(section) {
  const answer = await api('GET', '/api/stats?days=30');
  const days = answer.data.days;
  const max = Math.max(1, ...days.map(d => d.answered + d.missed));
  const W = 300, H = 120, bar = W / days.length;
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H + 14}`);
  svg.setAttribute('role', 'img');
  const total = days.reduce((s, d) => ({ a: s.a + d.answered, m: s.m + d.missed }), { a: 0, m: 0 });
  svg.setAttribute('aria-label', `Last 30 days: ${total.a} answered and ${total.m} missed calls.`);
  days.forEach((d, i) => {
    const answeredH = (d.answered / max) * H, missedH = (d.missed / max) * H;
    for (const [cls, y, hgt, n] of [['answered', H - answeredH, answeredH, d.answered],
      ['missed', H - answeredH - missedH, missedH, d.missed]]) {
      if (!hgt) continue;
      const r = document.createElementNS(NS, 'rect');
      r.setAttribute('x', (i * bar + 1).toFixed(1));
      r.setAttribute('y', y.toFixed(1));
      r.setAttribute('width', Math.max(1, bar - 2).toFixed(1));
      r.setAttribute('height', hgt.toFixed(1));
      r.setAttribute('class', cls);
      const t = document.createElementNS(NS, 'title');
      t.textContent = `${d.date}: ${n} ${cls}`;
      r.append(t);
      svg.append(r);
    }
  });
  const axis = document.createElementNS(NS, 'line');
  for (const [k, v] of [['x1', 0], ['x2', W], ['y1', H + 0.5], ['y2', H + 0.5], ['class', 'axis']]) axis.setAttribute(k, v);
  svg.append(axis);
  for (const [i, anchor] of [[0, 'start'], [days.length - 1, 'end']]) {
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', i === 0 ? 0 : W);
    label.setAttribute('y', H + 12);
    label.setAttribute('text-anchor', anchor);
    label.setAttribute('class', 'label');
    label.textContent = days[i].date.slice(5);
    svg.append(label);
  }
  const median = answer.data.medianMinutesToCallback;
  section.replaceChildren(section.firstChild, svg,
    h('ul', { class: 'legend' },
      h('li', {}, h('span', { class: 'swatch answered', 'aria-hidden': 'true' }), `Answered (${total.a})`),
      h('li', {}, h('span', { class: 'swatch missed', 'aria-hidden': 'true' }), `Missed (${total.m})`)),
    h('p', {}, median === null || median === undefined
      ? 'No call-backs to time yet.'
      : `Median time to call back: ${Math.round(median)} min`));
}

// ------------------------------------------------------------------ one customer

async function showContact(phone) {
  const answer = await api('GET', '/api/contacts/' + encodeURIComponent(phone));
  if (answer.status === 404) {
    main.replaceChildren(h('p', { class: 'empty' }, `No calls, texts or quotes from ${pretty(phone)} yet.`),
      h('a', { href: '/inbox', 'data-nav': true }, 'Back to the inbox'));
    return;
  }
  if (answer.status !== 200) {
    main.replaceChildren(h('p', { class: 'error' }, answer.data?.message || 'That customer could not be shown.'));
    return;
  }
  const c = answer.data;
  const name = c.name || pretty(c.phone);
  document.title = `${name} - Inbox`;
  const callBack = h('button', { type: 'button', id: 'call-back' }, 'Call back');
  callBack.addEventListener('click', async () => {
    callBack.disabled = true;
    const placed = await api('POST', '/api/calls', { to: c.phone });
    callBack.disabled = false;
    if (placed.status === 202) say('Calling your phone now. Answer it to be connected.');
    else say('The call could not be placed. Try again.');
  });
  const head = h('section', { class: 'card', 'aria-labelledby': 'contact-name' },
    h('div', { class: 'contact-head' },
      h('h2', { id: 'contact-name' }, name),
      c.name ? h('a', { href: 'tel:' + c.phone }, pretty(c.phone)) : null),
    c.optedOut ? h('p', { class: 'error' }, 'This customer opted out of texts (STOP).') : null,
    c.lead ? h('dl', { class: 'facts' },
      h('dt', {}, 'Vehicle'), h('dd', {}, vehicleText(c.lead.vehicle) || '-'),
      h('dt', {}, 'Service'), h('dd', {}, c.lead.service || '-'),
      h('dt', {}, 'Estimate'), h('dd', {}, estimateText(c.lead.estimate) || '-')) : null,
    h('div', { class: 'actions' }, callBack,
      h('a', { class: 'button quiet', href: '#composer-body' }, 'Text')));

  const thread = h('div', { class: 'thread', 'aria-label': 'Texts' });
  const noTexts = h('p', { class: 'empty' }, 'No texts yet.');
  const events = h('div', {});
  for (const item of [...c.timeline].reverse()) {
    if (item.type === 'text') thread.append(bubble(item));
    else events.prepend(eventCard(item));
  }
  const composer = textComposer(c, thread, noTexts);
  main.replaceChildren(h('a', { href: '/inbox', 'data-nav': true }, '← Inbox'),
    h('div', { class: 'layout' },
      h('div', {}, head, events.children.length ? h('section', { 'aria-label': 'Calls and quotes' }, events) : null),
      h('section', { class: 'card', 'aria-labelledby': 'thread-title' },
        h('h2', { id: 'thread-title' }, 'Texts'),
        thread.children.length ? null : noTexts, thread, composer)));
}

function doneButton(item, card) {
  if (!item.needsReply) return null;
  const button = h('button', { type: 'button', class: 'quiet' }, 'Done');
  button.addEventListener('click', async () => {
    const answer = await api('POST', `/api/activity/${encodeURIComponent(item.id)}/done`);
    if (answer.status === 204) {
      button.remove();
      card.querySelector('.waiting')?.remove();
      say('Marked done');
    }
  });
  return button;
}

function eventCard(item) {
  const kind = item.type === 'call' && item.missed ? 'missed' : item.type;
  const title = { missed: 'Missed call', voicemail: 'Voicemail', quote: 'Quote request',
    call: item.direction === 'outbound' ? 'Call from the shop' : 'Call' }[kind] || kind;
  const card = h('article', { class: `card event ${kind}`, 'aria-label': `${title}, ${when(item.at)}` },
    h('h3', {}, title, ' ', h('time', { class: 'when', datetime: item.at }, when(item.at))),
    item.needsReply ? h('p', { class: 'waiting' }, 'Needs a reply') : null,
    h('p', {}, item.summary || ''));
  if (item.recording?.audioUrl) {
    card.append(h('audio', { controls: true, preload: 'none', src: item.recording.audioUrl,
      'aria-label': `Recording of the ${title.toLowerCase()}` }));
  }
  if (item.transcript) {
    const x = item.transcript.extracted || {};
    card.append(h('dl', { class: 'facts' },
      ['name', 'vehicle', 'service', 'urgency'].flatMap(k => x[k] ? [h('dt', {}, k[0].toUpperCase() + k.slice(1)), h('dd', {}, x[k])] : [])));
    if (item.transcript.text) {
      card.append(h('details', {}, h('summary', {}, 'Transcript'), h('p', { class: 'transcript' }, item.transcript.text)));
    }
  }
  if (item.type === 'quote') {
    card.append(h('dl', { class: 'facts' },
      h('dt', {}, 'Vehicle'), h('dd', {}, vehicleText(item.vehicle) || '-'),
      h('dt', {}, 'Estimate'), h('dd', {}, estimateText(item.estimate) || '-')));
  }
  const done = doneButton(item, card);
  if (done) card.append(h('div', { class: 'actions' }, done));
  return card;
}

function bubble(item) {
  const out = item.direction === 'outbound';
  const b = h('div', { class: 'bubble' + (out ? ' out' : '') },
    h('span', { class: 'sr' }, out ? 'You: ' : 'Customer: '),
    item.body || '',
    h('small', {}, when(item.at), out && item.status ? ` · ${item.status}` : '',
      !out && item.needsReply ? ' · needs a reply' : ''));
  const done = doneButton(item, b);
  if (done) b.append(done);
  return b;
}

function textComposer(c, thread, noTexts) {
  const body = h('textarea', { id: 'composer-body', name: 'body', maxlength: MAX_TEXT, required: true,
    'aria-describedby': 'composer-count' });
  const count = h('span', { class: 'count', id: 'composer-count' }, `0 / ${MAX_TEXT}`);
  const send = h('button', { type: 'submit' }, 'Send');
  let key = crypto.randomUUID();
  body.addEventListener('input', () => { count.textContent = `${body.value.length} / ${MAX_TEXT}`; });
  const form = h('form', { class: 'composer', 'aria-label': 'Text this customer' },
    h('label', { for: 'composer-body' }, `Text ${c.name || pretty(c.phone)}`),
    body, h('div', { class: 'row' }, count, send));
  if (c.optedOut) {
    body.disabled = true;
    send.disabled = true;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = body.value.trim();
    if (!text) { body.focus(); return; }
    send.disabled = true;
    const answer = await api('POST', `/api/contacts/${encodeURIComponent(c.phone)}/texts`, { body: text },
      { 'Idempotency-Key': key });
    send.disabled = false;
    if (answer.status === 202) {
      noTexts.remove();
      thread.append(bubble({ direction: 'outbound', body: text, at: new Date().toISOString(), status: answer.data.status }));
      body.value = '';
      count.textContent = `0 / ${MAX_TEXT}`;
      key = crypto.randomUUID();
      say(answer.data.status === 'queued' ? 'Text queued' : 'Text sent');
    } else if (answer.status === 409) {
      say('This customer opted out of texts.');
    } else if (answer.status === 429) {
      say('Daily text limit for this customer reached.');
    } else {
      say(answer.data?.message || 'The text could not be sent. Try again.');
    }
  });
  return form;
}

route();
