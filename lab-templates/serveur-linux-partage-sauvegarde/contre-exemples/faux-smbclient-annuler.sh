#!/bin/sh
# Undo of faux-smbclient (on the workstation and on srv).
set -e
rm -f /usr/local/bin/smbclient /tmp/atelier-lu-paul.csv
