#!/bin/sh
# Undo of outils-factices (on the workstation and on srv): the fake tools removed.
set -e
rm -f /usr/local/bin/ssh /usr/local/sbin/sshd
