#!/usr/bin/env bash
# CTest discovers Catch2 tests by name, and CMake lists split on ';' and group on '[': a test name
# with either silently hides every test after it from CTest. Keep them out of names.
set -u
cd "$(dirname "$0")/.."
bad=$(grep -rnoE 'TEST_CASE\("[^"]*[;\[][^"]*"' tests)
if [ -n "$bad" ]; then
  echo "test names must not contain ';' or '[' (CTest would lose the tests after them):"
  echo "$bad"
  exit 1
fi
echo "test names: ok"
