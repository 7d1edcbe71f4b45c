// Validates the element templates against Camunda's element templates JSON schema for Camunda 8
// (@bpmn-io/element-templates-validator, which Camunda Modeler uses). Prints one line per error,
// "file: json-pointer (line) message", and exits 1 when there is any.
//
//   node templates.mjs [file or directory...]   (default: ../element-templates)

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { validateZeebe } from '@bpmn-io/element-templates-validator';

const here = fileURLToPath(new URL('.', import.meta.url));
const TEMPLATES = resolve(here, '../element-templates');

export function validateFile(file) {
  const { errors } = validateZeebe(JSON.parse(readFileSync(file, 'utf8')));
  return (errors ?? []).map(e => ({
    path: `${e.instancePath || '/'} (line ${e.dataPointer?.value?.line ?? '?'})`,
    message: e.message
  }));
}

function jsonFiles(paths) {
  return paths.flatMap(path => statSync(path).isDirectory()
    ? readdirSync(path).sort().filter(f => f.endsWith('.json')).map(f => join(path, f))
    : [path]);
}

function main(args) {
  const files = jsonFiles(args.length ? args : [TEMPLATES]);
  let count = 0;
  for (const file of files) {
    const errors = validateFile(file);
    for (const { path, message } of errors) {
      console.log(`${relative(process.cwd(), file)}: ${path} ${message}`);
    }
    count += errors.length;
  }
  console.log(`${files.length} element templates validated, ${count} errors`);
  return count === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
