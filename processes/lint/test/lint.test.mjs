import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { lintFile } from '../lint.mjs';
import { validateFile } from '../templates.mjs';

const fixture = name => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const found = reports => reports.map(({ id, rule }) => `${id} ${rule}`);

test('reports each flaw of a model by element id and rule', async () => {
  // given a model with a service task without job type, an unnamed split with unconditioned
  // flows, and a task connected to nothing
  // when it is linted
  const reports = await lintFile(fixture('flawed.bpmn'));

  // then each flaw is reported on its element
  assert.deepEqual(found(reports).sort(), [
    'Flow_no camunda-compat/sequence-flow-condition',
    'Flow_yes camunda-compat/sequence-flow-condition',
    'noJobType camunda-compat/implementation',
    'orphan bpmnlint/no-disconnected',
    'orphan bpmnlint/no-implicit-end',
    'orphan bpmnlint/no-implicit-start',
    'unlabelledSplit bpmnlint/label-required'
  ]);
});

test('reports a model that does not declare Camunda 8.8 as its platform', async () => {
  // given a sound model without modeler:executionPlatform
  // when it is linted
  const reports = await lintFile(fixture('no-platform.bpmn'));

  // then the missing platform is reported, since the Camunda rules would not run on it
  assert.deepEqual(found(reports), ['Definitions_noPlatform execution-platform']);
});

test('the command prints element and rule and exits non-zero on any report', () => {
  // when the command lints the flawed model
  const run = spawnSync(
    process.execPath,
    ['--import', './register.mjs', 'lint.mjs', fixture('flawed.bpmn')],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });

  // then it fails and names the element and rule
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /flawed\.bpmn: noJobType camunda-compat\/implementation /);
  assert.match(run.stdout, /1 models linted, 7 reports/);
});

test('reports each flaw of an element template by its place in the file', () => {
  // given a template with a property bound to nothing and a dropdown without choices
  // when it is validated against the element templates schema
  const errors = validateFile(fixture('flawed-template.json'));

  // then both properties are named
  const paths = errors.map(({ path }) => path.split(' ')[0]);
  assert.ok(paths.includes('/properties/4'), JSON.stringify(errors));
  assert.ok(paths.includes('/properties/5'), JSON.stringify(errors));
  assert.ok(errors.some(({ message }) => /choices/.test(message)), JSON.stringify(errors));
});
