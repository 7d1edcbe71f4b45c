// @camunda/linting ships ES modules written for bundlers (extensionless imports, JSON imports
// without attributes, CommonJS dependencies imported by name). These hooks let Node load it as
// Camunda Modeler's bundle does, so the build lints with the same rules and messages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'ERR_UNSUPPORTED_DIR_IMPORT') {
      for (const suffix of ['.js', '/index.js']) {
        try { return await next(specifier + suffix, context); } catch {}
      }
    }
    throw e;
  }
}

export async function load(url, context, next) {
  if (url.endsWith('.json')) {
    return next(url, { ...context, importAttributes: { type: 'json' } });
  }
  if (!url.includes('/node_modules/') || !url.endsWith('.js')) {
    return next(url, context);
  }
  const loaded = await next(url, context);
  if (loaded.format !== 'commonjs') {
    return loaded;
  }
  const file = fileURLToPath(url);
  const source = readFileSync(file, 'utf8');
  if (/^\s*(import|export)\s/m.test(source)) {
    return { format: 'module', source, shortCircuit: true };
  }
  const names = Object.keys(createRequire(url)(file)).filter(n => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
  return {
    format: 'module',
    shortCircuit: true,
    source: `import { createRequire } from 'node:module';
const m = createRequire(${JSON.stringify(url)})(${JSON.stringify(file)});
export default m;
export const { ${names.join(', ')} } = m;`
  };
}
