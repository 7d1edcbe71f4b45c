// Renders each BPMN model to SVG with bpmn-js (its prebuilt viewer) in headless Chromium, as the
// diagrams shown in processes/README.md.
//
//   node render.mjs [out-dir] [model...]   (default: ../docs, every model in ../src/main/resources/bpmn)
//
// Chromium is Debian's (`apt-get install -y chromium`), or the one CHROMIUM names.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { bpmnFiles } from './bpmn-files.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const VIEWER = resolve(here, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--allow-file-access-from-files',
  '--virtual-time-budget=20000', '--dump-dom'
];

/** A page that imports the model, exports it as SVG and writes it, base64, into #svg. */
function page(xml) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><script src="${pathToFileURL(VIEWER)}"></script></head>
<body><div id="canvas" style="width:1600px;height:900px"></div><pre id="svg"></pre><pre id="error"></pre>
<script>
  const viewer = new BpmnJS({ container: '#canvas' });
  viewer.importXML(${JSON.stringify(xml)})
    .then(() => viewer.saveSVG())
    .then(({ svg }) => {
      const bytes = new TextEncoder().encode(svg);
      let binary = '';
      bytes.forEach(b => binary += String.fromCharCode(b));
      document.getElementById('svg').textContent = btoa(binary);
    })
    .catch(e => { document.getElementById('error').textContent = String(e && e.message || e); });
</script></body></html>`;
}

export function renderSvg(file) {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-render-'));
  try {
    const html = join(dir, 'page.html');
    writeFileSync(html, page(readFileSync(file, 'utf8')));
    const dom = execFileSync(CHROMIUM, [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, pathToFileURL(html).href],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000 });
    const svg = /<pre id="svg">([A-Za-z0-9+/=]+)<\/pre>/.exec(dom);
    if (!svg) {
      const error = /<pre id="error">([^<]*)<\/pre>/.exec(dom);
      throw new Error(`${file}: not rendered: ${error?.[1] || 'no SVG in the page'}`);
    }
    return Buffer.from(svg[1], 'base64').toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main([out = resolve(here, '../docs'), ...models]) {
  for (const file of bpmnFiles(models.length ? models : [resolve(here, '../src/main/resources/bpmn')])) {
    const target = join(out, basename(file, '.bpmn') + '.svg');
    writeFileSync(target, renderSvg(file) + '\n');
    console.log(`${target}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
