#!/bin/sh
# emartin's account no longer expires (its password unchanged).
set -eu
chage -E -1 emartin
