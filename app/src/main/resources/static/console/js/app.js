// The console: a hash router over the pages; sign-in first when there is no token.
import { signOut, token } from './api.js';
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
let leave = null;

function route() {
  if (leave) {
    leave();
    leave = null;
  }
  const [path, query = ''] = (location.hash || '#/tasks').split('?');
  const params = new URLSearchParams(query);
  signOutButton.hidden = !token();
  if (!token()) {
    leave = signInPage(main, { next: path === '#/sign-in' ? '#/tasks' : location.hash || '#/tasks' });
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
window.addEventListener('load', route);
