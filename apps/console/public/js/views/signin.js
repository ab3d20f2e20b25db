import { api } from '../api.js';
import { el, mount } from '../dom.js';
import { t } from '../i18n.js';

/** The sign-in form: the key goes to POST /session once; the answer sets an HttpOnly cookie. */
export function renderSignIn(container, signedIn) {
  const message = el('p', { class: 'form-error', role: 'alert', id: 'signin-error' });
  const input = el('input', { type: 'password', id: 'api-key', name: 'key', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = el(
    'form',
    { class: 'signin card', id: 'signin-form' },
    el('h1', {}, t('signin.title')),
    el('p', { class: 'muted' }, t('signin.lead')),
    el('label', { for: 'api-key' }, t('signin.key')),
    input,
    el('button', { type: 'submit', class: 'primary' }, t('signin.submit')),
    message,
    el('p', { class: 'hint' }, t('signin.devHint')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      const session = await api.signIn(input.value.trim());
      input.value = '';
      signedIn(session);
    } catch (error) {
      message.textContent = error.status === 401 || error.status === 400 ? t('signin.refused') : t('signin.failed', { status: error.status ?? '?' });
      input.select();
    }
  });
  mount(container, el('div', { class: 'signin-page' }, form));
  input.focus();
}
