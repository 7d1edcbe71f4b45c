// Sign-in with an API token (rg_...) or an OIDC access token: both are bearer tokens the
// service checks. When the service names an OIDC issuer for the console, "Sign in with OIDC" goes
// there (authorization code flow with PKCE, see ../oidc.js). A pasted token is tried on the API
// before it is kept for this tab.
import { signIn } from '../api.js';
import { beginSignIn, oidcOptions } from '../oidc.js';
import { el, heading } from '../ui.js';

export function signInPage(main, { next, problem }) {
  const input = el('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'token-help',
  });
  const message = el('p', { id: 'sign-in-message', role: 'alert', class: 'state error', hidden: !problem }, problem || '');
  const providers = el('div', { class: 'sign-in-providers' });
  const form = el(
    'form',
    { class: 'card sign-in', onsubmit: submit },
    el('label', { for: 'token' }, 'API token'),
    input,
    el('p', { id: 'token-help', class: 'help' },
      'An API token (rg_…) from your administrator, or an access token from your identity provider. It is kept in this tab only.'),
    el('button', { type: 'submit' }, 'Sign in'),
  );
  main.replaceChildren(heading('Sign in to Rollgate'), message, providers, form);

  oidcOptions()
    .catch(() => null)
    .then((oidc) => {
      if (!oidc) {
        return;
      }
      const button = el('button', { type: 'button', id: 'sign-in-oidc' }, 'Sign in with OIDC');
      button.addEventListener('click', () => {
        button.disabled = true;
        message.hidden = true;
        beginSignIn(oidc, next).catch((e) => {
          button.disabled = false;
          tell(e.message);
        });
      });
      providers.replaceChildren(
        el('section', { class: 'card sign-in-oidc', 'aria-labelledby': 'oidc-heading' },
          el('h2', { id: 'oidc-heading' }, 'Your organisation’s sign-in'),
          el('p', { class: 'help' }, `At ${oidc.issuer}; you come back here signed in.`),
          button),
      );
    });

  function tell(text) {
    message.textContent = text;
    message.hidden = false;
  }

  async function submit(event) {
    event.preventDefault();
    message.hidden = true;
    const value = input.value.trim();
    const response = await fetch('/api/v1/releases?limit=1', {
      headers: { Authorization: `Bearer ${value}`, Accept: 'application/json' },
    }).catch(() => null);
    if (!response || !response.ok) {
      tell(!response
        ? 'The service cannot be reached.'
        : response.status === 401
          ? 'This token is not accepted: it is unknown, revoked or expired.'
          : `The service answered ${response.status}.`);
      input.focus();
      return;
    }
    signIn(value);
    location.hash = next;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}
