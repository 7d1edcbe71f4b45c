// Sign-in with an API token (rg_...) or an OIDC access token: both are bearer tokens the
// service checks. The token is tried on the API before it is kept for this tab.
import { signIn } from '../api.js';
import { el, heading } from '../ui.js';

export function signInPage(main, { next }) {
  const input = el('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'token-help',
  });
  const message = el('p', { id: 'sign-in-message', role: 'alert', class: 'state error', hidden: true });
  const form = el(
    'form',
    { class: 'card sign-in', onsubmit: submit },
    el('label', { for: 'token' }, 'API token'),
    input,
    el('p', { id: 'token-help', class: 'help' },
      'An API token (rg_…) from your administrator, or an access token from your identity provider. It is kept in this tab only.'),
    el('button', { type: 'submit' }, 'Sign in'),
    message,
  );
  main.replaceChildren(heading('Sign in to Rollgate'), form);

  async function submit(event) {
    event.preventDefault();
    message.hidden = true;
    const value = input.value.trim();
    const response = await fetch('/api/v1/releases?limit=1', {
      headers: { Authorization: `Bearer ${value}`, Accept: 'application/json' },
    }).catch(() => null);
    if (!response || !response.ok) {
      message.textContent = !response
        ? 'The service cannot be reached.'
        : response.status === 401
          ? 'This token is not accepted: it is unknown, revoked or expired.'
          : `The service answered ${response.status}.`;
      message.hidden = false;
      input.focus();
      return;
    }
    signIn(value);
    location.hash = next;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}
