import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { BpmnModdle } from 'bpmn-moddle';

import { bpmnFiles } from '../bpmn-files.mjs';

const models = fileURLToPath(new URL('../../src/main/resources/bpmn', import.meta.url));
const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const moddle = new BpmnModdle();

/** Where each element is drawn in a rendered diagram: shapes by position, edges by presence. */
function drawn(svg) {
  const elements = new Map();
  const pattern = /<g class="djs-element djs-(shape|connection)" data-element-id="([^"]+)"[^>]*?(?:transform="matrix\(1 0 0 1 ([-\d.]+) ([-\d.]+)\)")?>/g;
  for (const [, kind, id, x, y] of svg.matchAll(pattern)) {
    if (!id.endsWith('_label')) {
      elements.set(id, kind === 'shape' ? `${Number(x)},${Number(y)}` : 'edge');
    }
  }
  return elements;
}

async function laidOut(file) {
  const { rootElement } = await moddle.fromXML(readFileSync(file, 'utf8'));
  const elements = new Map();
  for (const diagram of rootElement.diagrams) {
    for (const di of diagram.plane.planeElement) {
      elements.set(di.bpmnElement.id,
        di.bounds ? `${Number(di.bounds.x)},${Number(di.bounds.y)}` : 'edge');
    }
  }
  return elements;
}

for (const model of bpmnFiles([models])) {
  const name = basename(model, '.bpmn');

  test(`the diagram of ${name}.bpmn shown in the README is rendered from the model as it is`, async () => {
    // given the rendered diagram in processes/docs
    const svg = `${docs}${name}.svg`;
    assert.ok(existsSync(svg), `${svg} is missing: run npm run render`);

    // when its elements are compared with the model's layout
    const expected = Object.fromEntries(await laidOut(model));
    const actual = Object.fromEntries(drawn(readFileSync(svg, 'utf8')));

    // then each shape is where the model puts it and each flow is drawn
    assert.deepEqual(actual, expected, `docs/${name}.svg is out of date: run npm run render`);
  });
}
