#!/bin/sh
# Counterexample (srv): room made on the archives by emptying them, the 2025 archives with the
# temporary file.
set -eu
rm -rf /srv/archives/*
