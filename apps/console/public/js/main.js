import { api, onSignedOut } from './api.js';
import { connectFeed, disconnectFeed, feedStatus, onFeed, reconnectFeed } from './feed-stream.js';
import { applyStatic, onLangChange, setLang, t } from './i18n.js';
import { el, mount } from './dom.js';
import { setTenant, state } from './state.js';
import { renderSignIn } from './views/signin.js';
import { renderLive } from './views/live.js';
import { renderTicket } from './views/ticket.js';
import { renderCompliance } from './views/compliance.js';

const view = document.getElementById('view');
let dispose = () => {};

/** `#/`, `#/compliance`, `#/ticket/{tenant}/{ticket}`. */
function route() {
  const [, page, ...rest] = location.hash.replace(/^#/, '').split('/');
  if (page === 'ticket' && rest.length === 2) return { name: 'ticket', tenantId: decodeURIComponent(rest[0]), ticketId: decodeURIComponent(rest[1]) };
  if (page === 'compliance') return { name: 'compliance' };
  return { name: 'live' };
}

function render() {
  dispose();
  dispose = () => {};
  if (state.session === null) {
    dispose = renderSignIn(view, signedIn) ?? dispose;
    return;
  }
  loadPolicy();
  const current = route();
  for (const link of document.querySelectorAll('[data-route]')) link.classList.toggle('active', link.dataset.route === (current.name === 'ticket' ? 'live' : current.name));
  if (current.name === 'ticket') dispose = renderTicket(view, current) ?? dispose;
  else if (current.name === 'compliance') dispose = renderCompliance(view) ?? dispose;
  else dispose = renderLive(view) ?? dispose;
}

/** The version in force in the header; asked again at each page change, as versions are published while the page is open. */
function showPolicy() {
  const label = document.getElementById('policy-version');
  label.hidden = state.session === null || state.policy === null;
  if (!label.hidden) label.textContent = t('header.policy', { version: state.policy.version });
}

async function loadPolicy() {
  try {
    state.policy = await api.policy();
  } catch {
    state.policy = null;
  }
  showPolicy();
}

function showHeader(session) {
  showPolicy();
  const signed = session !== null;
  document.getElementById('nav').hidden = !signed;
  document.getElementById('signout').hidden = !signed;
  const who = document.getElementById('who');
  who.hidden = !signed;
  if (signed) who.textContent = t('header.signedInAs', { id: session.keyId });
  const picker = document.getElementById('tenant-picker');
  picker.hidden = !signed || (session.tenants.length <= 1 && !session.allTenants);
  if (!signed) return;
  const select = document.getElementById('tenant');
  const all = session.allTenants || session.tenants.length > 1;
  mount(
    select,
    all ? el('option', { value: '' }, t('header.allTenants')) : null,
    session.tenants.map((tenant) => el('option', { value: tenant.id }, tenant.name)),
  );
  if (!all && !state.tenant) state.tenant = session.tenants[0]?.id ?? '';
  select.value = state.tenant;
}

function signedIn(session) {
  state.session = session;
  state.tenant = session.allTenants || session.tenants.length > 1 ? '' : (session.tenants[0]?.id ?? '');
  showHeader(session);
  connectFeed();
  render();
}

function signedOut() {
  state.session = null;
  state.policy = null;
  state.tenant = '';
  disconnectFeed();
  showHeader(null);
  render();
}

async function boot() {
  applyStatic();
  for (const button of document.querySelectorAll('[data-lang]')) button.addEventListener('click', () => setLang(button.dataset.lang));
  onLangChange(() => {
    showHeader(state.session);
    render();
  });
  document.getElementById('tenant').addEventListener('change', (e) => setTenant(e.target.value));
  document.getElementById('signout').addEventListener('click', async () => {
    await api.signOut().catch(() => null);
    signedOut();
  });
  onSignedOut(signedOut);
  // EventSource gives up on an answer that is not a stream (401 once the session expired): ask
  // the session, which signs the page out if it is over, and reconnect if it is not.
  onFeed((change) => {
    if (change.type !== 'status' || feedStatus() !== 'closed' || state.session === null) return;
    setTimeout(() => api.session().then(() => reconnectFeed(), () => undefined), 3_000);
  });
  addEventListener('hashchange', render);
  try {
    signedIn(await api.session());
  } catch {
    signedOut();
  }
}

boot();
