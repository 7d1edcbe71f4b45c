// Sign-in with OpenID Connect: the authorization code flow with PKCE (RFC 7636) in the browser,
// as a public client without a secret. While the browser is at the identity provider, the PKCE
// verifier and the state wait in this tab's session storage; when it comes back, the code and
// state are taken out of the address bar before anything else, and the access token is kept like
// an API token (this tab's session storage only).
import { signIn } from './api.js';

const PENDING = 'rollgate.oidc.pending';

/** The issuer the service lets the console sign in at, or null when there is none. */
export async function oidcOptions() {
  const response = await fetch('session/sign-in', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    return null;
  }
  return (await response.json()).oidc;
}

/** Sends the browser to the identity provider; it comes back to this page with a code. */
export async function beginSignIn(oidc, next) {
  const provider = await discover(oidc.issuer);
  const verifier = randomText(48);
  const state = randomText(24);
  const redirectUri = location.origin + location.pathname;
  sessionStorage.setItem(
    PENDING,
    JSON.stringify({
      verifier,
      state,
      next,
      redirectUri,
      clientId: oidc.clientId,
      tokenEndpoint: provider.token_endpoint,
    }),
  );
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri,
    scope: oidc.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * When the identity provider has just sent the browser back: exchanges the code for an access
 * token and resolves to the route the person was going to. Resolves to null when this page load
 * is no such return; rejects, in words, when the sign-in failed.
 */
export async function completeSignIn() {
  const returned = new URLSearchParams(location.search);
  if (!returned.has('code') && !returned.has('error')) {
    return null;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  const next = pending?.next || '#/tasks';
  // the code and state leave the address bar (and the history) before they are used
  history.replaceState(null, '', location.pathname + next);
  if (returned.has('error')) {
    throw new Error(
      `The identity provider did not sign you in: ${returned.get('error_description') || returned.get('error')}.`,
    );
  }
  if (!pending || returned.get('state') !== pending.state) {
    throw new Error('This sign-in was not started from this tab, so it is not used. Sign in again.');
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: returned.get('code'),
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  }).catch(() => null);
  const answer = response ? await response.json().catch(() => ({})) : {};
  if (!response || !response.ok || !answer.access_token) {
    throw new Error(
      `The identity provider gave no token: ${answer.error_description || answer.error || (response ? `it answered ${response.status}` : 'it cannot be reached')}.`,
    );
  }
  signIn(answer.access_token);
  return next;
}

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    headers: { Accept: 'application/json' },
  }).catch(() => null);
  if (!response || !response.ok) {
    throw new Error(`The identity provider ${issuer} cannot be reached.`);
  }
  const provider = await response.json();
  if (provider.issuer !== issuer) {
    throw new Error(`The identity provider at ${issuer} calls itself ${provider.issuer}; sign-in stops here.`);
  }
  return provider;
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
