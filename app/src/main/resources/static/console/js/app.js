// The console: a hash router over the pages; sign-in first when there is no token, and the
// return from the identity provider taken before any page.
import { get, signOut, token } from './api.js';
import { completeSignIn } from './oidc.js';
import { signInPage } from './pages/signin.js';
import { tasksPage } from './pages/tasks.js';
import { taskPage } from './pages/task.js';
import { releasesPage } from './pages/releases.js';
import { releasePage } from './pages/release.js';
import { dashboardPage } from './pages/dashboard.js';

const routes = [
  [/^#\/tasks$/, tasksPage],
  [/^#\/tasks\/([^/]+)$/, taskPage],
  [/^#\/releases$/, releasesPage],
  [/^#\/releases\/([^/]+)$/, releasePage],
  [/^#\/dashboard$/, dashboardPage],
];

const main = document.getElementById('main');
const signOutButton = document.getElementById('sign-out');
const callerLabel = document.getElementById('caller');
let leave = null;
let callerShownFor = null;
let signInProblem = null;

/** Who is signed in, with their roles, in the header; fetched once per token. */
function showCaller() {
  const current = token();
  if (current === callerShownFor) {
    return;
  }
  callerShownFor = current;
  callerLabel.textContent = '';
  callerLabel.hidden = !current;
  if (current) {
    get('/console/session/caller')
      .then(({ name, roles }) => {
        if (token() === current) {
          callerLabel.textContent = `${name} (${roles.length ? roles.join(', ') : 'no role'})`;
        }
      })
      .catch(() => {});
  }
}

function route() {
  if (leave) {
    leave();
    leave = null;
  }
  const [path, query = ''] = (location.hash || '#/tasks').split('?');
  const params = new URLSearchParams(query);
  signOutButton.hidden = !token();
  showCaller();
  if (!token()) {
    const next = path === '#/sign-in' ? '#/tasks' : location.hash || '#/tasks';
    leave = signInPage(main, { next, problem: signInProblem });
    signInProblem = null;
  } else {
    const match = routes.find(([pattern]) => pattern.test(path));
    if (!match) {
      location.hash = '#/tasks';
      return;
    }
    const [, ...args] = path.match(match[0]);
    leave = match[1](main, ...args.map(decodeURIComponent), params) || null;
  }
  document.querySelectorAll('nav a').forEach((a) => {
    if (path.startsWith(a.getAttribute('href'))) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  main.querySelector('h1')?.focus();
}

signOutButton.addEventListener('click', () => {
  signOut();
  location.hash = '#/sign-in';
  route();
});
window.addEventListener('rollgate:unauthorized', () => {
  signOut();
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('load', () => {
  completeSignIn()
    .catch((e) => {
      signInProblem = e.message;
    })
    .finally(route);
});
