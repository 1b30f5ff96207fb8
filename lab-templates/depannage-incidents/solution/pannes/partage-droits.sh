#!/bin/sh
# The compta folder back to its group, setgid, closed to others.
set -eu
chown root:compta /srv/partages/compta
chmod 2770 /srv/partages/compta
