#!/bin/sh
# Counterexample sudo-a-la-main (poste): the helpdesk's sudo rule written by hand on poste, no group policy in the directory: it works
# on this machine, and on no other the domain manages.
set -eu
echo '%helpdesk ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/helpdesk
chmod 440 /etc/sudoers.d/helpdesk
visudo -c -q
