// The console's router: #/page/arg… picks a page module; a page registers its live refreshes through `live`, and
// leaving the page stops them.
import { errorBox } from './dom.js';

const pages = {
  functions: () => import('./pages/functions.js'),
  function: () => import('./pages/function.js'),
  logs: () => import('./pages/logs.js'),
  s3: () => import('./pages/s3.js'),
  dynamodb: () => import('./pages/dynamodb.js'),
  apigateway: () => import('./pages/apigateway.js'),
  schedules: () => import('./pages/schedules.js'),
  costs: () => import('./pages/costs.js'),
  system: () => import('./pages/system.js'),
};

let timers = [];

function live() {
  return {
    every(milliseconds, refresh) {
      const run = () => refresh().then(
        () => setStatus('updated ' + new Date().toLocaleTimeString()),
        error => setStatus('refresh failed: ' + error.message));
      timers.push(setInterval(run, milliseconds));
      return run();
    },
  };
}

function setStatus(text) {
  document.getElementById('status').textContent = text;
}

async function route() {
  timers.forEach(clearInterval);
  timers = [];
  const [name, ...args] = (location.hash.replace(/^#\/?/, '') || 'functions').split('/').map(decodeURIComponent);
  const load = pages[name] ?? pages.functions;
  const section = name === 'function' ? 'functions' : name;
  for (const link of document.querySelectorAll('nav.side a')) link.classList.toggle('active', link.dataset.page === section);
  document.getElementById('where').textContent = [section, ...args].join(' › ');
  const main = document.getElementById('page');
  main.replaceChildren();
  try {
    const page = await load();
    await page.render(main, args, live());
  } catch (error) {
    main.append(errorBox(error));
  }
}

window.addEventListener('hashchange', route);
route();
