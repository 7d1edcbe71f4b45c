// Lints BPMN models as Camunda Modeler does for Camunda 8.8 (@camunda/linting, camunda-compat
// rules) and with bpmnlint's recommended rules. Prints one line per report, "file: element rule
// message", and exits 1 when there is any report, warnings included.
//
//   node --import ./register.mjs lint.mjs [file or directory...]   (default: the lifecycle models)

import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Linter as CamundaLinter } from '@camunda/linting';
import bpmnlint from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import { BpmnModdle } from 'bpmn-moddle';

import { bpmnFiles } from './bpmn-files.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const MODELS = resolve(here, '../src/main/resources/bpmn');

/** The platform every model must declare: without it Camunda Modeler does not lint it at all. */
const PLATFORM = { name: 'Camunda Cloud', version: /^8\.8\.\d+$/ };

const camunda = new CamundaLinter({ modeler: 'desktop', type: 'cloud' });
const recommended = new bpmnlint.Linter({
  config: { extends: 'bpmnlint:recommended' },
  resolver: new NodeResolver()
});
const moddle = new BpmnModdle();

export async function lintFile(file) {
  const xml = readFileSync(file, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const reports = warnings.map(w => ({
    id: w.element?.id ?? '-', rule: 'xml', message: w.message
  }));
  reports.push(...platformReports(rootElement));
  for (const report of await camunda.lint(xml)) {
    reports.push({ id: report.id, rule: qualified(report.rule), message: report.message });
  }
  for (const [rule, found] of Object.entries(await recommended.lint(rootElement))) {
    for (const report of found) {
      reports.push({ id: report.id, rule: qualified(rule), message: report.message });
    }
  }
  return distinct(reports);
}

/** bpmnlint's own rules come unprefixed from one linter and prefixed from the other. */
function qualified(rule) {
  return rule.includes('/') ? rule : `bpmnlint/${rule}`;
}

/** Both linters run bpmnlint's correctness rules: one line per element and rule. */
function distinct(reports) {
  const seen = new Set();
  return reports.filter(({ id, rule, message }) => {
    const key = `${id} ${rule} ${message}`;
    return !seen.has(key) && seen.add(key);
  });
}

function platformReports(definitions) {
  const name = definitions.get('modeler:executionPlatform');
  const version = definitions.get('modeler:executionPlatformVersion');
  if (name === PLATFORM.name && PLATFORM.version.test(version ?? '')) {
    return [];
  }
  return [{
    id: definitions.id,
    rule: 'execution-platform',
    message: `declares ${name ?? 'no platform'} ${version ?? ''}; expected modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.x"`
  }];
}

async function main(args) {
  const files = bpmnFiles(args.length ? args : [MODELS]);
  let count = 0;
  for (const file of files) {
    const reports = await lintFile(file);
    for (const { id, rule, message } of reports) {
      console.log(`${relative(process.cwd(), file)}: ${id} ${rule} ${message}`);
    }
    count += reports.length;
  }
  console.log(`${files.length} models linted, ${count} reports`);
  return count === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
