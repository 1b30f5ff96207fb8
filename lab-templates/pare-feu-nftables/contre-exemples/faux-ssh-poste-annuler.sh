#!/bin/sh
set -eu
rm -f /usr/local/bin/ssh /usr/local/bin/nc
