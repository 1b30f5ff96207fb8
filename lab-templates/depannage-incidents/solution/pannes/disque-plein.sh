#!/bin/sh
# The temporary file that filled the archives deleted; the archives themselves kept.
set -eu
rm -f /srv/archives/sauvegarde-en-cours.tmp
test -f /srv/archives/archives-2025.txt
