#!/bin/sh
# poste drops what the removed GPO gave it (samba-gpupdate unapplies what it applied).
timeout 120 samba-gpupdate --unapply >/dev/null 2>&1 || true
rm -f /etc/sudoers.d/gp_*
