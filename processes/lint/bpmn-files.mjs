import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The .bpmn files among the paths, the files of a directory in name order. */
export function bpmnFiles(paths) {
  return paths.flatMap(path => statSync(path).isDirectory()
    ? readdirSync(path).sort().filter(f => f.endsWith('.bpmn')).map(f => join(path, f))
    : [path]);
}
