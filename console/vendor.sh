#!/usr/bin/env bash
# Copies the console's prebuilt libraries out of the npm packages pinned in package-lock.json:
# into the service's static files (served at /console/vendor/) and, for axe-core, the browser
# tests' resources. Needs Node.js and npm; the build itself never runs this.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
static="$here/../app/src/main/resources/static/console/vendor"
tests="$here/../app/src/test/resources/console"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --silent)
m="$work/node_modules"

rm -rf "$static" && mkdir -p "$static/bpmn-js" "$static/form-js" "$static/uplot" "$tests"
cp "$m/bpmn-js/dist/bpmn-navigated-viewer.production.min.js" "$static/bpmn-js/"
cp "$m/bpmn-js/dist/assets/diagram-js.css" "$m/bpmn-js/dist/assets/bpmn-js.css" "$static/bpmn-js/"
cp "$m/bpmn-js/LICENSE" "$static/bpmn-js/LICENSE"
cp "$m/@bpmn-io/form-js/dist/form-viewer.umd.js" "$static/form-js/"
cp "$m/@bpmn-io/form-js/dist/assets/form-js.css" "$static/form-js/"
cp "$m/@bpmn-io/form-js/LICENSE" "$static/form-js/LICENSE"
cp "$m/uplot/dist/uPlot.iife.min.js" "$m/uplot/dist/uPlot.min.css" "$static/uplot/"
cp "$m/uplot/LICENSE" "$static/uplot/LICENSE"
cp "$m/axe-core/axe.min.js" "$tests/axe.min.js"
cp "$m/axe-core/LICENSE" "$tests/axe-core.LICENSE"

{
  echo "# Vendored libraries (written by console/vendor.sh; do not edit)"
  echo
  echo "| package | version | licence | files |"
  echo "|---|---|---|---|"
  for p in bpmn-js @bpmn-io/form-js uplot axe-core; do
    node -e "const p=require('$m/$p/package.json');console.log('| '+p.name+' | '+p.version+' | '+(p.license && !p.license.startsWith('SEE') ? p.license : 'bpmn.io licence')+' | '+process.argv[1]+' |')" \
      "$(case $p in axe-core) echo 'app/src/test/resources/console/axe.min.js';; *) echo "vendor/${p##*/}/";; esac)"
  done
  echo
  echo "bpmn-js and form-js are under the bpmn.io licence (MIT with the condition that the bpmn.io"
  echo "watermark stays visible); their LICENSE files are next to them. uPlot is MIT. axe-core (MPL-2.0)"
  echo "is used by the browser tests only and is not served."
} > "$static/VERSIONS.md"
echo "vendored into $static and $tests"
