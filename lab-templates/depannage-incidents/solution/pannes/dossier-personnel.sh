#!/bin/sh
# fbernard's home folder theirs again, closed to others (Debian 12's default, 0700).
set -eu
chown fbernard:fbernard /home/fbernard
chmod 0700 /home/fbernard
