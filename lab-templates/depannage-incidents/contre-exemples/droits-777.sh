#!/bin/sh
# Counterexample (srv): the compta folder opened to everyone (0777): compta gets in, so does anyone.
set -eu
chmod -R 0777 /srv/partages/compta
