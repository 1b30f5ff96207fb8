#!/bin/sh
# cdumas's Samba account enabled again (its password unchanged).
set -eu
smbpasswd -e cdumas
