#!/bin/sh
# Counterexample (srv): cdumas's Samba account deleted and made again with a password of the
# technician's choosing: enabled, but cdumas's own password is refused.
set -eu
smbpasswd -x cdumas >/dev/null
printf 'Provisoire-2026\nProvisoire-2026\n' | smbpasswd -s -a cdumas >/dev/null
