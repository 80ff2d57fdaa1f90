#!/usr/bin/env bash
# Copy pinned third-party browser assets from the npm registry into the tree.
# Run after changing package.json; never edit the copied files by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
mkdir -p src/coopcare/static/vendor tests/browser/vendor
cp node_modules/htmx.org/dist/htmx.min.js src/coopcare/static/vendor/htmx.min.js
cp node_modules/htmx.org/LICENSE src/coopcare/static/vendor/htmx.LICENSE
cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js
cp node_modules/axe-core/LICENSE tests/browser/vendor/axe.LICENSE
echo "htmx $(node -p "require('./node_modules/htmx.org/package.json').version"), axe-core $(node -p "require('./node_modules/axe-core/package.json').version") copied."
